from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every `{{ form }}` in the site's markup: errors tied to fields, help below labels."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
