from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_safe_url(self, url):
        # Only this site: `?next=https://evil.example` and `//evil.example` are dropped.
        from django.utils.http import url_has_allowed_host_and_scheme

        return bool(url) and url_has_allowed_host_and_scheme(
            url, allowed_hosts=None, require_https=False
        )
