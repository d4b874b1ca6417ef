"""Make a tenant of a room on a code through the API: the owner declares the room inviting a
phone, that person (registered here) accepts, the owner approves the tenant link."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Tenant:
    headers: dict[str, str]
    room_id: int
    link_id: int


async def make_tenant(
    api, client, owner_headers, code: str, phone: str, *, residents: int = 2,
    moved_in: str = "2020-01-01", moved_out: str | None = None, approve: bool = True,
    name: str = "Phòng 1",
) -> Tenant:  # fmt: skip
    body = {"name": name, "residents": residents, "moved_in": moved_in, "invite_phone": phone}
    if moved_out:
        body["moved_out"] = moved_out
    r = await client.post(f"/accounts/{code}/rooms", json=body, headers=owner_headers)
    assert r.status_code == 201, r.text
    room_id = r.json()["id"]
    tokens = await api.register(phone, name="Người Thuê")
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    r = await client.get("/me/room-invitations", headers=headers)
    assert [i["room_id"] for i in r.json()] == [room_id], r.text
    r = await client.post(f"/me/room-invitations/{room_id}/accept", headers=headers)
    assert r.status_code == 200, r.text
    rooms = (await client.get(f"/accounts/{code}/rooms", headers=owner_headers)).json()
    link_id = next(x["link_id"] for x in rooms if x["id"] == room_id)
    if approve:
        r = await client.post(f"/accounts/{code}/links/{link_id}/approve", headers=owner_headers)
        assert r.status_code == 200, r.text
    return Tenant(headers, room_id, link_id)
