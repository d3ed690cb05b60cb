"""One settings object: every field documented, the environment read once, absolute paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivalscope.settings import Settings, documented


def test_every_setting_has_help_text() -> None:
    for name, (_env, help_text) in documented().items():
        assert len(help_text.split()) >= 4, f"setting {name} has no help text"


def test_every_setting_but_the_site_overrides_has_its_own_variable() -> None:
    variables = [env for name, (env, _help) in documented().items() if name != "site"]
    assert all(v and v.startswith("RIVALSCOPE_") for v in variables)
    assert len(set(variables)) == len(variables)


def test_paths_are_absolute_whatever_the_current_directory(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert settings.instance_dir.is_absolute() and tmp_path not in settings.db_path.parents
    assert settings.db_path == settings.instance_dir / "rivalscope.db"
    assert settings.pdf_dir == settings.instance_dir / "pdfs"


def test_the_environment_sets_paths_thresholds_and_site_overrides(tmp_path: Path) -> None:
    settings = Settings.from_env({
        "RIVALSCOPE_INSTANCE": str(tmp_path), "RIVALSCOPE_PDF_DIR": str(tmp_path / "out"),
        "RIVALSCOPE_RELEVANCE_THRESHOLD": "0.75",
        "RIVALSCOPE_FORM_LIMIT_PER_EMAIL": "3 per hour",
        "RIVALSCOPE_TRUSTED_PROXIES": "1", "HOME_OTHER": "x",
    })
    assert settings.db_path == tmp_path / "rivalscope.db"
    assert settings.pdf_dir == tmp_path / "out"
    assert (settings.relevance_threshold, settings.trusted_proxies) == (0.75, 1)
    assert settings.site == {"FORM_LIMIT_PER_EMAIL": "3 per hour"}


def test_the_relevance_threshold_defaults_to_the_one_the_training_chose() -> None:
    from nlp.relevance import threshold
    from rivalscope.trust import profile_rule

    assert Settings().relevance_threshold is None
    assert profile_rule(Settings().relevance_threshold).relevance == threshold()
    assert 0 < threshold() < 1


def test_the_cli_takes_the_store_from_the_environment(runner, db_path: Path) -> None:
    from rivalscope.cli import main

    result = runner.invoke(main, ["companies"], env={"RIVALSCOPE_DB": str(db_path)})
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["companies"],
                           env={"RIVALSCOPE_DB": str(db_path.with_name("other.db"))})
    assert result.exit_code == 2 and "other.db" in result.output


def test_a_bad_number_in_the_environment_is_a_clear_error(runner, db_path: Path) -> None:
    from rivalscope.cli import main

    result = runner.invoke(main, ["companies", "--db", str(db_path)],
                           env={"RIVALSCOPE_TRUSTED_PROXIES": "three"})
    assert result.exit_code == 1
    assert result.output.startswith("Error: RIVALSCOPE_TRUSTED_PROXIES='three' is not a whole")
    result = runner.invoke(main, ["companies", "--db", str(db_path)],
                           env={"RIVALSCOPE_RELEVANCE_THRESHOLD": "high"})
    assert result.output.startswith("Error: RIVALSCOPE_RELEVANCE_THRESHOLD='high' is not a "
                                    "number")


def test_the_mail_settings_reach_the_site_as_typed(tmp_path: Path) -> None:
    """SMTP and the site's other named settings come through Settings: a password of digits
    stays text, the port is a number, and the site's config holds them."""
    from rivalscope.site import create_app

    settings = Settings.from_env({
        "RIVALSCOPE_INSTANCE": str(tmp_path), "RIVALSCOPE_SMTP_HOST": "127.0.0.1",
        "RIVALSCOPE_SMTP_PORT": "2525", "RIVALSCOPE_SMTP_PASSWORD": "123456",
        "RIVALSCOPE_MAIL_FROM": "samples@rivalscope.example",
        "RIVALSCOPE_SITE_URL": "https://profiles.rivalscope.example",
        "RIVALSCOPE_NOTIFY_EMAILS": "sales@rivalscope.example",
        "RIVALSCOPE_TIMEZONE": "Europe/Berlin",
    })
    assert (settings.smtp_port, settings.smtp_password) == (2525, "123456")
    assert settings.site == {}
    assert "123456" not in repr(settings)
    config = create_app(settings=settings).config
    assert (config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_PASSWORD"]) == \
        ("127.0.0.1", 2525, "123456")
    assert config["SITE_URL"] == "https://profiles.rivalscope.example"
    assert config["NOTIFY_EMAILS"] == "sales@rivalscope.example"
    assert config["TIMEZONE"] == "Europe/Berlin"
