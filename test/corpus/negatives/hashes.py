# Release checksums and ids: none of these are secrets.
RELEASE_SHA256 = "[[hex:64]]"
archive_md5_checksum = "[[hex:32]]"
sha1_hash = "[[hex:40]]"
token_hash = "[[hex:64]]"
password_hash = "$2b$12$[[b64:53]]"
commit = "[[hex:40]]"  # git SHA of the release tag
request_id = "[[hex:8]]-[[hex:4]]-4[[hex:3]]-a[[hex:3]]-[[hex:12]]"
api_key_id = "[[hex:8]]-[[hex:4]]-4[[hex:3]]-b[[hex:3]]-[[hex:12]]"
session_uuid = "[[hex:8]]-[[hex:4]]-4[[hex:3]]-8[[hex:3]]-[[hex:12]]"
checksums = {"linux-amd64": "sha256:[[hex:64]]", "darwin-arm64": "sha256:[[hex:64]]"}
