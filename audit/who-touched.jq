# "Who touched project $ws's data, and when", over decrypted batch files. The same selection as
# audit/query.ts (whoTouched), checked against it by test/audit/who-touched-jq.test.ts. Usage:
#   jq -c --arg ws cardio-2026 -f audit/who-touched.jq batches/*.json | jq -s 'sort_by(.time)'
# Optionally --argjson keys '["<barbican id>", ...]': the workspace's key ids, to include key
# accesses the sealer's key register could not place (sealed with no workspace).
(($ARGS.named.keys // []) | map(ascii_downcase)) as $keys
| .seq as $seq
| .records | to_entries[] | .key as $index | .value
| select(.workspace == $ws
    or (.workspace == null and .source == "key-manager"
        and ((.target.name | split("/")[1] // "" | ascii_downcase) as $id
             | $keys | index([$id]) != null)))
| select(.source == "object-storage" or .source == "key-manager" or .source == "airlock"
    or (.source == "kubernetes-api"
        and ((.target.name | test("/(exec|attach|portforward)(/|$)"))
             or .target.type == "persistentvolumeclaims" or .target.type == "secrets")))
| {time, person: .actor.person, via: .actor.via, ip: .actor.ip, source, action, outcome,
   target: .target.name, at: {seq: $seq, index: $index}}
