from pathlib import Path

import pytest

from config.settings import ConfigError, load_settings


def test_defaults_load_without_any_file_or_env(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, environ={})
    assert settings.fetch.max_bytes == 5_000_000
    assert settings.fetch.allow_private_networks is False
    assert settings.database_url.endswith("briefbot.db")
    assert not settings.llm.enabled


def test_user_file_then_env_override(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text('[brief]\nstories = 7\n[fetch]\nmax_bytes = 1000\n')
    env = {"BRIEFBOT_FETCH__MAX_BYTES": "2000", "BRIEFBOT_LLM_BASE_URL": "http://127.0.0.1:9/v1",
           "BRIEFBOT_LLM_API_KEY": "sk-secret"}
    settings = load_settings(user, tmp_path, env)
    assert settings.brief.stories == 7
    assert settings.fetch.max_bytes == 2000
    assert settings.llm.enabled and settings.llm.api_key == "sk-secret"
    assert "sk-secret" not in repr(settings)


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("[brief]\nstorys = 3\n", "brief.storys"),
        ("[brief]\nstories = 'many'\n", "brief.stories"),
        ("[llm]\nbase_url = 'ftp://x'\n", "llm.base_url"),
        ("[schedule]\ndefault_timezone = 'Mars/Olympus'\n", "schedule.default_timezone"),
        ("[nope]\nx = 1\n", "nope"),
        ("[llm]\napi_key = 'k'\n", "llm.api_key"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, content: str, key: str) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(content)
    with pytest.raises(ConfigError) as err:
        load_settings(user, tmp_path, {})
    assert err.value.key == key
    assert "\n" not in str(err.value)


def test_cli_exits_2_with_one_line_on_bad_config(tmp_path: Path, capsys) -> None:
    from bot.cli import main

    user = tmp_path / "bad.toml"
    user.write_text("[fetch]\nmax_bytes = -5\n")
    assert main(["--config", str(user), "--data-dir", str(tmp_path), "sources", "list"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "fetch.max_bytes" in err


def test_slack_token_without_a_way_to_receive_events_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(None, tmp_path, {"SLACK_BOT_TOKEN": "xoxb-1"})
    assert err.value.key == "SLACK_BOT_TOKEN"
    ok = load_settings(None, tmp_path, {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert ok.secrets.slack_enabled


def test_database_url_from_the_environment_and_kept_out_of_repr(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = "postgresql+psycopg://bot:s3cret@db.internal/briefbot"
    settings = load_settings(data_dir=tmp_path, environ={"BRIEFBOT_DATABASE_URL": url})
    assert settings.database_url == url
    assert "s3cret" not in repr(settings)
    assert load_settings(data_dir=tmp_path, environ={}).database_url.startswith("sqlite:///")
    with pytest.raises(ConfigError, match="store.url"):
        load_settings(data_dir=tmp_path, environ={"BRIEFBOT_DATABASE_URL": "mysql://x/y"})
