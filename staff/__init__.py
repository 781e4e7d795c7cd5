"""Staff two-factor sign-in for the desk: who must use a second factor, enrolment at first sign-in,
the second-factor step, and each person's own sign-in methods (README.md, "Staff two-factor
sign-in"). Built on django-otp (authenticator apps, recovery codes) and django-otp-webauthn
(passkeys and security keys); it has no models of its own."""
