#!/bin/bash
# Times the dashboard's pages of a running `placer demo` as its administrator: the largest
# district (most miners registered), Ghana, the flags. For each page, the median of five
# `curl`s: status, bytes, seconds. BENCHMARKS.md, "Dashboard pages of a big region".
# usage: tests/bench/dashboard_pages.sh URL ADMIN_PASSWORD [FROM TO [LANGUAGE]]
# (LANGUAGE: en, fr or pt, the pages' language; English by default)
set -eu
URL=$1; PASS=$2; FROM=${3:-2025-12}; TO=${4:-2026-11}; PAGE_LANG=${5:-en}
JAR=$(mktemp); TMP=$(mktemp -d)
trap 'rm -rf $JAR $TMP' EXIT
curl -s -c $JAR -o $TMP/login.html "$URL/login"
CSRF=$(grep -o 'name="csrf" value="[^"]*"' $TMP/login.html | head -1 | sed 's/.*value="//; s/"$//')
curl -s -b $JAR -c $JAR -o /dev/null -H "Origin: $URL" \
  --data-urlencode "user=admin" --data-urlencode "password=$PASS" \
  --data-urlencode "next=/" --data-urlencode "csrf=$CSRF" "$URL/login"
curl -s -b $JAR -c $JAR -o /dev/null "$URL/language/$PAGE_LANG?next=/"
TOKEN=$(curl -s -H 'content-type: application/json' -d "{\"user\":\"admin\",\"password\":\"$PASS\"}" "$URL/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
read LARGEST GHANA FLAG < <(python3 - "$URL" "$TOKEN" "$FROM" "$TO" <<'PY'
import json, sys, urllib.request
url, token, start, end = sys.argv[1:5]
get = lambda p: json.load(urllib.request.urlopen(urllib.request.Request(url + p, headers={"Authorization": "Bearer " + token})))
regions = get("/v1/regions")
rows = get(f"/v1/reports/regional?from={start}&to={end}")["rows"]
last = {}
for r in rows:
    last[r["region"]] = r["miners_total"]
districts = [r for r in regions if r["level"] == "district"]
big = max(districts, key=lambda r: last.get(r["id"], 0))
ghana = [r for r in regions if r["name"] == "Ghana"][0]
flag = get("/v1/flags?kind=outside_licence_area&limit=1")["items"][0]["id"]
print(big["id"], ghana["id"], flag)
print(f"largest district: {big['name']} ({last[big['id']]} miners)", file=sys.stderr)
PY
)
time_page() { # prints status, bytes, median seconds of 5
  local path=$1 out
  out=$(for i in 1 2 3 4 5; do curl -s -b $JAR -o $TMP/page -w '%{http_code} %{size_download} %{time_total}\n' "$URL$path"; done | sort -k3 -n | sed -n 3p)
  printf '%-70s %s\n' "$path" "$out"
}
time_page "/regions/$LARGEST"
time_page "/regions/$LARGEST?list=miners"
time_page "/regions/$LARGEST?list=miners&page=28"
time_page "/regions/$LARGEST?list=production"
time_page "/regions/$LARGEST?list=production&page=200"
time_page "/regions/$LARGEST?list=miners&q=mensah"
time_page "/regions/$LARGEST?list=miners&format=csv&table=miners"
time_page "/regions/$LARGEST?list=production&format=csv&table=production"
time_page "/regions/$GHANA"
time_page "/regions/$GHANA?list=miners&q=mensah"
time_page "/regions/$GHANA?list=production&q=2026-05"
time_page "/flags"
time_page "/flags?page=3"
time_page "/flags?view=cases"
time_page "/flags?format=csv&table=flags"
time_page "/flags/$FLAG"
