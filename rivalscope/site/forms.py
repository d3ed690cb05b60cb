"""The site's forms (flask-wtf: every form carries a CSRF token)."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

# The local part in RFC 5322's dot-atom characters: no quotes, commas or brackets that would
# turn one address into several in a mail header.
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
                   r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$")
# The sample is for professionals: personal mailboxes are turned away with a clear message.
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
    "aol.com", "icloud.com", "me.com", "gmx.de", "gmx.net", "web.de", "mail.com",
    "yandex.ru", "proton.me", "protonmail.com", "qq.com", "163.com",
})


def work_email(form: FlaskForm, field: EmailField) -> None:
    value = (field.data or "").strip()
    if not EMAIL.fullmatch(value) or len(value) > 254:
        raise ValidationError("Enter a valid email address, like name@company.com.")
    if value.rsplit("@", 1)[1].lower() in FREE_MAIL:
        raise ValidationError("Please use your work email address.")


def honeypot(form: FlaskForm, field: StringField) -> None:
    if field.data:
        raise ValidationError("This request could not be processed.")


class LeadForm(FlaskForm):
    name = StringField("Your name", validators=[
        DataRequired("Enter your name."), Length(max=120, message="Keep it under 120 characters.")])
    email = EmailField("Work email", validators=[DataRequired("Enter your work email."),
                                                 work_email])
    company = StringField("Company", validators=[
        DataRequired("Enter your company's name."),
        Length(max=160, message="Keep it under 160 characters.")])
    consent = BooleanField("I agree that Rivalscope stores these details to send me the "
                           "profile and related offers. I can withdraw at any time.",
                           validators=[DataRequired("Please agree so we can send the profile.")])
    # Hidden from people by CSS; bots fill every field they find.
    website = StringField("Leave this field empty", validators=[honeypot])


class SampleForm(LeadForm):
    """Download a free sample."""


class FullRequestForm(LeadForm):
    """Request the full profile."""


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class LogoutForm(FlaskForm):
    """A button: signing out is a POST with a CSRF token."""
