import re
import unicodedata

from django import forms

APP_CODE = "Enter the 6-digit code your authenticator app shows."
RECOVERY_CODE = "A recovery code is eight letters and digits, like abcd-2345."


def typed(value):
    """What someone meant to type: wide digits and letters (phone keyboards) made plain."""
    return unicodedata.normalize("NFKC", value)


class AuthenticatorCodeForm(forms.Form):
    otp_token = forms.CharField(
        label="Code from your authenticator app",
        max_length=20,
        error_messages={"max_length": APP_CODE},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": 8,
            }
        ),
    )

    def clean_otp_token(self):
        code = re.sub(r"\s", "", typed(self.cleaned_data["otp_token"]))
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError(APP_CODE)
        return code


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label="Recovery code",
        max_length=20,
        error_messages={"max_length": RECOVERY_CODE},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": 12,
            }
        ),
    )

    def clean_recovery_code(self):
        code = re.sub(r"[\s-]", "", typed(self.cleaned_data["recovery_code"])).lower()
        if not re.fullmatch(r"[a-z2-7]{8}", code):
            raise forms.ValidationError(RECOVERY_CODE)
        return code
