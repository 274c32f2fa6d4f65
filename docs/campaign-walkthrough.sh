#!/usr/bin/env bash
# A 2026 star-rating campaign over the demo province, start to finish, through the HTTP API.
# Needs the platform running on the embedded default (dotnet run --project src/Platform.Gateway) and jq.
set -euo pipefail
API=${API:-http://localhost:5000/api/v1/tenants/demo}
json=(-H 'content-type: application/json')

# 0. Sign in as the demo's tenant admin with the password the first start generated (initial-credentials.json beside
#    the database), and send its access token (15 minutes, longer than this walk) with every request below.
CREDENTIALS=${CREDENTIALS:-data/initial-credentials.json}
admin=$(jq -c '.accounts[] | select(.tenant == "demo" and .role == "tenantAdmin") | {tenant, username, password}' "$CREDENTIALS")
TOKEN=$(curl -sf "${json[@]}" -X POST "${API%/api/v1/*}/api/v1/auth/sign-in" -d "$admin" | jq -r .accessToken)
curl() { command curl -H "authorization: Bearer $TOKEN" "$@"; }

# 1. Draft over two cities (长沙, 株洲): scope, cross-check rate, a 5★ quota of 30% per city, and the draw's seed (a
#    string of digits: a 64-bit number does not survive JSON in JavaScript; leave it out for a random one). The
#    framework version defaults to the tenant's current one. Name ["430000"] as the scope for the whole province.
ID=$(curl -sf "${json[@]}" -X POST "$API/campaigns" -d '{
  "name": "2026年度五化星级评定", "kind": "annualStarRating", "scope": ["430100", "430200"],
  "crossCheck": {"sampleRate": 0.1, "minimumPerCity": 1, "cascadeOnFailure": true},
  "quotas": {"regionLevel": "city", "maxShares": {"star5": 0.3}},
  "seed": "20261124",
  "actor": "省委教育工委"}' | jq -r .id)
C="$API/campaigns/$ID"
advance() { curl -sf "${json[@]}" -X POST "$C/advance" -d "{\"to\":\"$1\",\"actor\":\"省委教育工委\"}" | jq -c '{stage, branches, sampled, finalised}'; }
etag() { curl -sf -D - -o /dev/null "$C/branches/$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }

# 2. Self-assessment opens: the roster is fixed. Every branch that has not submitted is a laggard (催办).
advance selfAssessment
curl -sf "$C/laggards?limit=5000" | jq -r '.[].code' > /tmp/branches.txt
echo "$(wc -l < /tmp/branches.txt) branches to self-assess"

# 3. Each branch scores itself, with evidence notes; about one in twenty is skipped and stays a laggard.
framework=$(curl -sf "$API/framework")
i=0
while read -r code; do
  i=$((i + 1)); [ $((i % 20)) -eq 0 ] && continue
  scores=$(jq -c --argjson s $(( 60 + (i * 37) % 40 )) '[.dimensions[].indicators[] | {(.id): ((.max * $s / 100) * 100 | floor / 100)}] | add' <<< "$framework")
  curl -sf -o /dev/null "${json[@]}" -X PUT "$C/branches/$code/self-assessment" \
    -d "{\"actor\":\"支部书记\",\"scores\":$scores,\"evidence\":{\"2.1\":\"支委会记录12份\"}}"
  if [ $((i % 200)) -eq 0 ]; then echo "  $i submitted"; fi
done < /tmp/branches.txt
curl -sf "$C/progress" | jq -c '.total | {inScope, submitted, completionRate, averageScore}'
curl -sf "$C/laggards/430100?limit=3" | jq -c '.[]'

# 4. Review: the supervising county lowers one indicator of the first branch, with a reason; the rest pass as submitted.
advance review
first=$(head -1 /tmp/branches.txt)
curl -sf "${json[@]}" -X PUT "$C/branches/$first/review" -H "If-Match: $(etag "$first")" \
  -d '{"actor":"芙蓉区委教育工委","scores":{"2.1":2},"reasons":{"2.1":"党课记录不全"}}' | jq -c '.review | {total, rating}'
awk 'NR % 20 != 0' /tmp/branches.txt | tail -n +2 | while read -r code; do
  curl -sf -o /dev/null "${json[@]}" -X PUT "$C/branches/$code/review" -H "If-Match: $(etag "$code")" -d '{"actor":"县委教育工委"}'
done

# 5. Cross-region check: a reproducible sample per city, each branch re-scored by another city's reviewers.
advance crossCheck
curl -sf "$C/cross-check" | jq -c '.[0:3][]'
curl -sf "$C/cross-check" | jq -c '.[]' | while read -r a; do
  code=$(jq -r .branch <<< "$a"); city=$(jq -r .reviewerCity <<< "$a")
  curl -sf -o /dev/null "${json[@]}" -X PUT "$C/branches/$code/cross-check" -H "If-Match: $(etag "$code")" \
    -d "{\"actor\":\"交叉检查组\",\"reviewerCity\":\"$city\",\"scores\":{\"5.1\":1},\"reasons\":{\"5.1\":\"活动室标识不统一\"}}"
done
curl -sf "$C/progress?sortBy=generosity" | jq -c '.children[0:3][] | {name, generosity: .metrics.generosity}'

# 6. Publicity (公示) and an appeal, decided before final. Results stay on display for the tenant's minimum publicity
#    (5 days unless the tenant sets minimumPublicityDays, 0 to 30); final before then is refused and says from when it
#    can be final. The walkthrough cannot wait five days, so it sets the demo tenant's minimum to 0.
advance publicity
curl -sf -o /dev/null "${json[@]}" -X POST "$C/branches/$first/appeal" -H "If-Match: $(etag "$first")" \
  -d '{"actor":"支部书记","indicators":["2.1"],"reason":"党课记录已补交"}'
curl -s "${json[@]}" -X POST "$C/advance" -d '{"to":"final","actor":"省委教育工委"}' | jq -r .detail   # refused: publicity too short
curl -sf "$API" | jq '{name, minimumPublicityDays: 0}' | curl -sf "${json[@]}" -X PUT "$API" -d @- | jq -c '{id, minimumPublicityDays}'
curl -s "${json[@]}" -X POST "$C/advance" -d '{"to":"final","actor":"省委教育工委"}' | jq -r .detail   # refused: one appeal open; appeals stay open
curl -sf "${json[@]}" -X PUT "$C/branches/$first/appeal/decision" -H "If-Match: $(etag "$first")" \
  -d '{"actor":"省委教育工委","upheld":true,"reason":"补交材料属实","scores":{"2.1":4},"reasons":{"2.1":"按补交记录改正"}}' | jq -c '.appeal.decision | {upheld, reason}'

# 7. Final: quotas applied, every result official and in the standing rollups, exactly once. Each quota demotion is an
#    audit line on "rating" with the ratings before and after, the rank and the seats.
advance final
sleep 1   # progress is exact within about a second: the tree forwards at most one report per node per 100 ms
curl -sf "$C/progress?sortBy=topRatingShare" | jq -c '.total | {finalised, rated, ratings, complianceRate}'
curl -sf "$API/nodes/430000/summary" | jq -c '{assessed, ratings, complianceRate}'
curl -sf "$C/branches/$first/audit" | jq -c '.[] | {stage, indicator, old, new, reason}'
curl -sf "$C/audit?limit=500" | jq -c '[.records[] | select(.indicator == "rating")][0:3][] | {branch, oldRating, newRating, reason}'
curl -sf -o /tmp/campaign.xlsx "$C/export?format=xlsx" && echo "results workbook: /tmp/campaign.xlsx"
