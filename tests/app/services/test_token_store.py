"""Token stores: the protocol, the choice by profile/platform, and refusing plaintext vaults."""

from __future__ import annotations

import pytest

from app.config import load_settings
from app.services.token_store import (
    InsecureVaultError,
    KeyringTokenStore,
    MemoryTokenStore,
    SecureStorageTokenStore,
    choose_token_store,
    is_secure_keyring,
)


class DictVault:
    """Stands in for an OS vault backend (same methods as a keyring backend)."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, user):
        return self.items.get((service, user))

    def set_password(self, service, user, value):
        self.items[(service, user)] = value

    def delete_password(self, service, user):
        import keyring.errors

        if (service, user) not in self.items:
            raise keyring.errors.PasswordDeleteError("absent")
        del self.items[(service, user)]


DictVault.__module__ = "keyring.backends.SecretService"


class FakeSecureStorage:
    """flet-secure-storage's async get/set/remove, kept in a dict."""

    def __init__(self) -> None:
        self.items: dict[str, str] = {}

    async def get(self, key):
        return self.items.get(key)

    async def set(self, key, value):
        self.items[key] = value

    async def remove(self, key):
        self.items.pop(key, None)


def stores():
    return [
        MemoryTokenStore(),
        KeyringTokenStore("acct", backend=DictVault()),
        SecureStorageTokenStore(FakeSecureStorage(), "acct"),
    ]


@pytest.mark.parametrize("store", stores(), ids=lambda s: s.kind)
async def test_store_protocol_round_trip(store):
    assert await store.load() is None
    await store.save("refresh-1")
    assert await store.load() == "refresh-1"
    await store.save("refresh-2")  # rotation replaces, never accumulates
    assert await store.load() == "refresh-2"
    await store.clear()
    assert await store.load() is None
    await store.clear()  # clearing twice is fine


def make_backend(module: str, name: str = "Keyring"):
    cls = type(name, (), {})
    cls.__module__ = module
    return cls()


@pytest.mark.parametrize(
    ("module", "name", "secure"),
    [
        ("keyring.backends.SecretService", "Keyring", True),
        ("keyring.backends.macOS", "Keyring", True),
        ("keyring.backends.Windows", "WinVaultKeyring", True),
        ("keyrings.alt.file", "PlaintextKeyring", False),
        ("keyrings.alt.file", "EncryptedKeyring", False),
        ("keyring.backends.fail", "Keyring", False),
        ("keyring.backends.null", "Keyring", False),
    ],
)
def test_only_os_vaults_count_as_secure(module, name, secure):
    assert is_secure_keyring(make_backend(module, name)) is secure


def test_chainer_is_secure_only_if_every_member_is():
    chain = make_backend("keyring.backends.chainer", "ChainerBackend")
    chain.backends = [make_backend("keyring.backends.SecretService")]
    assert is_secure_keyring(chain)
    chain.backends.append(make_backend("keyrings.alt.file", "PlaintextKeyring"))
    assert not is_secure_keyring(chain)
    chain.backends = []
    assert not is_secure_keyring(chain)


def test_keyring_store_refuses_plaintext_backend():
    with pytest.raises(InsecureVaultError):
        KeyringTokenStore("acct", backend=make_backend("keyrings.alt.file", "PlaintextKeyring"))


@pytest.mark.parametrize(
    ("profile", "platform", "web", "kind"),
    [
        ("kiosk", "windows", False, "memory"),
        ("web", "linux", True, "memory"),
        ("mobile", "android", True, "memory"),  # a browser session is never a vault
    ],
)
def test_profiles_and_web_never_persist(profile, platform, web, kind):
    settings = load_settings(environ={"DIENNHA_PROFILE": profile})
    assert choose_token_store(settings, platform, web).kind == kind


def test_desktop_without_a_vault_falls_back_to_memory(monkeypatch):
    import keyring

    monkeypatch.setattr(keyring, "get_keyring", lambda: make_backend("keyring.backends.fail"))
    settings = load_settings(environ={"DIENNHA_PROFILE": "mobile"})
    assert choose_token_store(settings, "linux", False).kind == "memory"


def test_desktop_with_a_vault_uses_keyring(monkeypatch):
    import keyring

    monkeypatch.setattr(keyring, "get_keyring", lambda: DictVault())
    settings = load_settings(environ={"DIENNHA_PROFILE": "mobile"})
    assert choose_token_store(settings, "macos", False).kind == "keyring"


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_packaged_phone_apps_use_the_platform_vault(platform):
    settings = load_settings(environ={"DIENNHA_PROFILE": "mobile"})
    store = choose_token_store(settings, platform, False)
    assert store.kind == "secure_storage"
