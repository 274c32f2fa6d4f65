#!/usr/bin/env bash
# A 2026 star-rating campaign over the demo province, start to finish, through the HTTP API.
# Needs the platform running on the embedded default (dotnet run --project src/Platform.Gateway) and jq.
set -euo pipefail
API=${API:-http://localhost:5000/api/v1/tenants/demo}
json=(-H 'content-type: application/json')

# 0. Sign in as the demo's tenant admin with the password the first start generated (initial-credentials.json beside
#    the database). Each step below is made by whoever may make it: the admin runs the campaign, each branch's
#    secretary self-assesses and appeals, the county's region admin reviews, another city's reviewer cross-checks.
#    The caller's account is the audit's actor: no request names one.
CREDENTIALS=${CREDENTIALS:-data/initial-credentials.json}
AUTH="${API%/api/v1/*}/api/v1/auth"
sign_in() { command curl -sf "${json[@]}" -X POST "$AUTH/sign-in" -d "$1" | jq -r .accessToken; }
TOKEN=$(sign_in "$(jq -c '.accounts[] | select(.tenant == "demo" and .role == "tenantAdmin") | {tenant, username, password}' "$CREDENTIALS")")
ADMIN=$TOKEN
curl() { command curl -H "authorization: Bearer $TOKEN" "$@"; }
as() { local token=$1; shift; TOKEN=$token curl "$@"; }
# A new account signs in with its one-time password, then must choose its own: this prints the token of the change.
first_sign_in() {
  local token; token=$(sign_in "{\"tenant\":\"demo\",\"username\":\"$1\",\"password\":\"$2\"}")
  command curl -sf "${json[@]}" -H "authorization: Bearer $token" -X POST "$AUTH/password" \
    -d "{\"currentPassword\":\"$2\",\"newPassword\":\"Walk-$(head -c 9 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-7\"}" | jq -r .accessToken
}
# An account for this walk (created, or given a new one-time password when an earlier walk created it), signed in.
account() {
  local password
  password=$(as "$ADMIN" -s "${json[@]}" -X POST "$API/accounts" \
    -d "{\"username\":\"$1\",\"displayName\":\"$1\",\"role\":\"$2\",\"scopeCode\":\"$3\"}" | jq -r '.oneTimePassword // empty')
  [ -n "$password" ] || password=$(as "$ADMIN" -sf -X POST "$API/accounts/$1/password-reset" | jq -r .oneTimePassword)
  first_sign_in "$1" "$password"
}

# 1. Draft over two cities (长沙, 株洲): scope, cross-check rate, a 5★ quota of 30% per city, and the draw's seed (a
#    string of digits: a 64-bit number does not survive JSON in JavaScript; leave it out for a random one). The
#    framework version defaults to the tenant's current one. Name ["430000"] as the scope for the whole province.
ID=$(curl -sf "${json[@]}" -X POST "$API/campaigns" -d '{
  "name": "2026年度五化星级评定", "kind": "annualStarRating", "scope": ["430100", "430200"],
  "crossCheck": {"sampleRate": 0.1, "minimumPerCity": 1, "cascadeOnFailure": true},
  "quotas": {"regionLevel": "city", "maxShares": {"star5": 0.3}},
  "seed": "20261124"}' | jq -r .id)
C="$API/campaigns/$ID"
advance() { curl -sf "${json[@]}" -X POST "$C/advance" -d "{\"to\":\"$1\"}" | jq -c '{stage, branches, sampled, finalised}'; }
etag() { curl -sf -D - -o /dev/null "$C/branches/$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }

# 2. Self-assessment opens: the roster is fixed. Every branch that has not submitted is a laggard (催办).
advance selfAssessment
curl -sf "$C/laggards?limit=5000" | jq -r '.[].code' > /tmp/branches.txt
echo "$(wc -l < /tmp/branches.txt) branches to self-assess"
: > /tmp/secretary-tokens.txt

# 3. One secretary per branch, created in one CSV upload, each with a one-time password shown once; each signs in,
#    chooses a password and scores its own branch with evidence notes. About one in twenty never does: a laggard.
awk 'BEGIN { print "branchCode,username,displayName" } { print $1 ",sec-" $1 ",支部书记" }' /tmp/branches.txt |
  curl -sf -H 'content-type: text/csv' -X POST "$API/accounts/secretaries" --data-binary @- > /tmp/secretaries.json
jq -c '{created, rejected}' /tmp/secretaries.json
framework=$(curl -sf "$API/framework")
i=0
while read -r code; do
  i=$((i + 1)); [ $((i % 20)) -eq 0 ] && continue
  password=$(jq -r --arg c "$code" '.rows[] | select(.branchCode == $c) | .oneTimePassword // empty' /tmp/secretaries.json)
  if [ -n "$password" ]; then secretary=$(first_sign_in "sec-$code" "$password"); else secretary=$(account "sec-$code" branchSecretary "$code"); fi
  echo "$code $secretary" >> /tmp/secretary-tokens.txt
  scores=$(jq -c --argjson s $(( 60 + (i * 37) % 40 )) '[.dimensions[].indicators[] | {(.id): ((.max * $s / 100) * 100 | floor / 100)}] | add' <<< "$framework")
  as "$secretary" -sf -o /dev/null "${json[@]}" -X PUT "$C/branches/$code/self-assessment" \
    -d "{\"scores\":$scores,\"evidence\":{\"2.1\":\"支委会记录12份\"}}"
  if [ $((i % 200)) -eq 0 ]; then echo "  $i submitted"; fi
done < /tmp/branches.txt
curl -sf "$C/progress" | jq -c '.total | {inScope, submitted, completionRate, averageScore}'
curl -sf "$C/laggards/430100?limit=3" | jq -c '.[]'

# 4. Review: the 长沙 region admin of the demo lowers one indicator of the first branch, with a reason; the rest pass
#    as submitted (the tenant admin reviews those outside 长沙).
advance review
first=$(head -1 /tmp/branches.txt)
CHANGSHA=$(sign_in "$(jq -c '.accounts[] | select(.tenant == "demo" and .role == "regionAdmin") | {tenant, username, password}' "$CREDENTIALS")")
as "$CHANGSHA" -sf "${json[@]}" -X PUT "$C/branches/$first/review" -H "If-Match: $(etag "$first")" \
  -d '{"scores":{"2.1":2},"reasons":{"2.1":"党课记录不全"}}' | jq -c '.review | {total, rating}'
awk 'NR % 20 != 0' /tmp/branches.txt | tail -n +2 | while read -r code; do
  curl -sf -o /dev/null "${json[@]}" -X PUT "$C/branches/$code/review" -H "If-Match: $(etag "$code")" -d '{}'
done

# 5. Cross-region check: a reproducible sample per city, each branch re-scored by a reviewer of the city the draw
#    assigned it to, who sees that branch only while the check is open.
advance crossCheck
curl -sf "$C/cross-check" | jq -c '.[0:3][]'
for city in $(curl -sf "$C/cross-check" | jq -r '[.[].reviewerCity] | unique[]'); do
  reviewer=$(account "reviewer-$city" reviewer "$city")
  as "$reviewer" -sf "$C/cross-check" | jq -r '.[].branch' | while read -r code; do
    as "$reviewer" -sf -o /dev/null "${json[@]}" -X PUT "$C/branches/$code/cross-check" -H "If-Match: $(etag "$code")" \
      -d '{"scores":{"5.1":1},"reasons":{"5.1":"活动室标识不统一"}}'
  done
done
curl -sf "$C/progress?sortBy=generosity" | jq -c '.children[0:3][] | {name, generosity: .metrics.generosity}'

# 6. Publicity (公示) and an appeal, decided before final. Results stay on display for the tenant's minimum publicity
#    (5 days unless the tenant sets minimumPublicityDays, 0 to 30); final before then is refused and says from when it
#    can be final. The walkthrough cannot wait five days, so it sets the demo tenant's minimum to 0.
advance publicity
as "$(awk -v c="$first" '$1 == c { print $2 }' /tmp/secretary-tokens.txt)" -sf -o /dev/null "${json[@]}" -X POST "$C/branches/$first/appeal" \
  -H "If-Match: $(etag "$first")" -d '{"indicators":["2.1"],"reason":"党课记录已补交"}'
curl -s "${json[@]}" -X POST "$C/advance" -d '{"to":"final"}' | jq -r .detail   # refused: publicity too short
tenant_etag=$(curl -sf -D - -o /dev/null "$API" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
curl -sf "$API" | jq '{name, minimumPublicityDays: 0}' | curl -sf "${json[@]}" -H "If-Match: $tenant_etag" -X PUT "$API" -d @- | jq -c '{id, minimumPublicityDays}'
curl -s "${json[@]}" -X POST "$C/advance" -d '{"to":"final"}' | jq -r .detail   # refused: one appeal open; appeals stay open
curl -sf "${json[@]}" -X PUT "$C/branches/$first/appeal/decision" -H "If-Match: $(etag "$first")" \
  -d '{"upheld":true,"reason":"补交材料属实","scores":{"2.1":4},"reasons":{"2.1":"按补交记录改正"}}' | jq -c '.appeal.decision | {upheld, reason}'

# 7. Final: quotas applied, every result official and in the standing rollups, exactly once. Each quota demotion is an
#    audit line on "rating" with the ratings before and after, the rank and the seats.
advance final
sleep 1   # progress is exact within about a second: the tree forwards at most one report per node per 100 ms
curl -sf "$C/progress?sortBy=topRatingShare" | jq -c '.total | {finalised, rated, ratings, complianceRate}'
curl -sf "$API/nodes/430000/summary" | jq -c '{assessed, ratings, complianceRate}'
curl -sf "$C/branches/$first/audit" | jq -c '.[] | {stage, indicator, old, new, reason}'
curl -sf "$C/audit?limit=500" | jq -c '[.records[] | select(.indicator == "rating")][0:3][] | {branch, oldRating, newRating, reason}'
curl -sf -o /tmp/campaign.xlsx "$C/export?format=xlsx" && echo "results workbook: /tmp/campaign.xlsx"
curl -sf "$API/audit?target=campaigns/$ID&pageSize=5" | jq -c '.entries[] | {at, actorName, role, operation, target, after}'   # who did what
