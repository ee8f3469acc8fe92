import requests

HUBSPOT = {"token": "⟪hubspot-private-app-token⟫pat-na1-[[hex:8]]-[[hex:4]]-[[hex:4]]-[[hex:4]]-[[hex:12]]"}
POSTMAN_API_KEY = "⟪postman-api-key⟫PMAK-[[hex:24]]-[[hex:34]]"
circle = requests.Session()
circle.headers["Circle-Token"] = "⟪circleci-personal-token⟫CCIPAT_[[alnum:22]]_[[hex:40]]"


def contacts():
    return requests.get(
        "https://api.hubapi.com/crm/v3/objects/contacts",
        headers={"Authorization": "Bearer ⟪generic-bearer-token⟫[[alnum:40]]"},
    ).json()
