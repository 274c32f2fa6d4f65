#!/usr/bin/env bash
# The README's requests (a first look, importing, exports) against a gateway with the demo, printing each status.
# Through Prism (docs/api-contract.md): GATEWAY=localhost:4010 bash docs/readme-requests.sh
set -u
GATEWAY=${GATEWAY:-localhost:5000}
CREDENTIALS=${CREDENTIALS:-data/initial-credentials.json}
admin=$(jq -c '.accounts[] | select(.tenant == "demo" and .role == "tenantAdmin") | {tenant, username, password}' "$CREDENTIALS")
TOKEN=$(curl -s -H 'content-type: application/json' -d "$admin" "$GATEWAY/api/v1/auth/sign-in" | jq -r .accessToken)
api() { curl -s -o /dev/null -w "%{http_code} $1\n" -H "authorization: Bearer $TOKEN" "$GATEWAY/api/v1/tenants/demo$1" "${@:2}"; }

api ''
api /nodes/430000/summary
api '/nodes/430000?sort=averageScore&order=desc'
api /framework
api /orgs/9430102001-01/assessment -i
api '/campaigns/c1/progress/430000?sortBy=completion'
api '/campaigns/c1/laggards/430100?limit=5'
api /imports/hierarchy -H 'Prefer: wait=60' -H 'content-type: text/csv' --data-binary @docs/samples/sample-province.csv
api /imports/hierarchy -F file=@docs/samples/sample-province.xlsx
api '/imports/hierarchy/template?format=xlsx'
api '/nodes/430000/children/export?sort=averageScore&order=desc'
api '/nodes/430100/gap-schools?page=1&pageSize=20'
api '/nodes/430100/gap-schools/export?format=csv'
api '/campaigns/c1/laggards/export'
api '/campaigns/c1/export?format=csv'
api '/audit?page=1&pageSize=20'
api '/audit/export?format=csv'
api '/nodes/430100/hierarchy?format=csv'
