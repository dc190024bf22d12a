/**
 * The script the scheduled job runs, as reviewed text (mounted read-only from a ConfigMap). It
 * reads what to back up from files beside it and its settings from the environment; credentials
 * come only from the environment, filled from a Kubernetes Secret, and are never printed.
 *
 * One run:
 *  1. retention in the primary region: deletes this platform's volume backups older than
 *     RETENTION_DAYS (a backup with newer incremental children is kept until they expire);
 *  2. volumes: an incremental Cinder backup of each listed volume, and of each volume the cluster's
 *     Cinder CSI driver provisioned when CSI_CLUSTER is set (a full backup when none exists yet),
 *     written to the encrypted BACKUP_CONTAINER of the primary region;
 *  3. copies BACKUP_CONTAINER to the recovery region's container of the same name (encrypted), and
 *     imports each new backup's record there, so it can be restored with no primary region left;
 *  4. retention in the recovery region, as in 1;
 *  5. object storage: mirrors each listed container into its replica in the recovery region; an
 *     object deleted or overwritten at the source is moved under deleted/<date>/ and purged after
 *     RETENTION_DAYS.
 * Any failure stops the run with a non-zero status, so the Job is marked failed and alerts fire.
 */
export const backupScript = String.raw`#!/bin/sh
# Rendered by components/backup/backup-script.ts; edit it there, never in the cluster.
set -eu
: "$PRIMARY_REGION" "$RECOVERY_REGION" "$RETENTION_DAYS" "$BACKUP_CONTAINER" "$OS_AUTH_URL" "$HDH_BACKUP_DIR"
: "$CSI_CLUSTER"
: "$OS_APPLICATION_CREDENTIAL_ID" "$OS_APPLICATION_CREDENTIAL_SECRET"
export OS_AUTH_TYPE=v3applicationcredential OS_INTERFACE=public OS_IDENTITY_API_VERSION=3
for remote in PRIMARY RECOVERY; do
  export "RCLONE_CONFIG_$remote"_"TYPE=swift" "RCLONE_CONFIG_$remote"_"AUTH=$OS_AUTH_URL"
  export "RCLONE_CONFIG_$remote"_"AUTH_VERSION=3"
  export "RCLONE_CONFIG_$remote"_"APPLICATION_CREDENTIAL_ID=$OS_APPLICATION_CREDENTIAL_ID"
  export "RCLONE_CONFIG_$remote"_"APPLICATION_CREDENTIAL_SECRET=$OS_APPLICATION_CREDENTIAL_SECRET"
done
export RCLONE_CONFIG_PRIMARY_REGION="$PRIMARY_REGION" RCLONE_CONFIG_RECOVERY_REGION="$RECOVERY_REGION"

today=$(date -u +%Y-%m-%d)
cutoff=$(date -u -d "@$(( $(date -u +%s) - RETENTION_DAYS * 86400 ))" +%Y%m%d)
in_primary() { openstack --os-region-name "$PRIMARY_REGION" "$@"; }
in_recovery() { openstack --os-region-name "$RECOVERY_REGION" "$@"; }
log() { printf '%s hdh-backup: %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# Deletes this platform's backups (named hdh-<key>-<YYYY-MM-DD>) older than the cutoff.
expire_backups() {
  region="$1"
  openstack --os-region-name "$region" volume backup list -f value -c ID -c Name |
    while read -r id name; do
      case "$name" in hdh-*-????-??-??) ;; *) continue ;; esac
      day=$(printf '%s' "$name" | tail -c 10 | tr -d -)
      [ "$day" -lt "$cutoff" ] || continue
      if openstack --os-region-name "$region" volume backup delete "$id" < /dev/null; then
        log "$region: expired $name"
      else
        log "$region: kept $name (newer incremental backups depend on it)"
      fi
    done
}

# Waits until a backup is available; fails the run on error or after six hours.
wait_available() {
  for _ in $(seq 1 720); do
    status=$(in_primary volume backup show -f value -c status "$1")
    case "$status" in
      available) return 0 ;;
      error*) log "backup $1 failed: $status"; return 1 ;;
    esac
    sleep 30
  done
  log "backup $1 still $status after six hours"
  return 1
}

expire_backups "$PRIMARY_REGION"

# The volumes: those listed, then those the CSI driver created for the cluster's persistent
# volumes (keyed by their name, pvc-<uid>).
volumes_file="$(mktemp)"
cp "$HDH_BACKUP_DIR/volumes" "$volumes_file"
if [ -n "$CSI_CLUSTER" ]; then
  in_primary volume list --property "cinder.csi.openstack.org/cluster=$CSI_CLUSTER" \
    -f value -c ID -c Name | while read -r id name; do echo "$name $id"; done >> "$volumes_file"
fi

new_backups=""
# Lists are read on fd 3 so no command in the loop can swallow them from stdin.
while read -r key volume <&3; do
  [ -n "$key" ] || continue
  incremental="--incremental"
  [ -n "$(in_primary volume backup list --volume "$volume" --status available -f value -c ID)" ] ||
    incremental=""
  id=$(in_primary volume backup create --force $incremental --container "$BACKUP_CONTAINER" \
    --name "hdh-$key-$today" -f value -c id "$volume")
  wait_available "$id"
  log "$PRIMARY_REGION: backed up $key ($volume) as $id"
  new_backups="$new_backups $id"
done 3< "$volumes_file"

if [ -n "$new_backups" ]; then
  rclone copy --checksum "primary:$BACKUP_CONTAINER" "recovery:$BACKUP_CONTAINER"
  for id in $new_backups; do
    service=$(in_primary volume backup record export -f value -c backup_service "$id")
    url=$(in_primary volume backup record export -f value -c backup_url "$id")
    in_recovery volume backup record import "$service" "$url" > /dev/null
    log "$RECOVERY_REGION: imported backup $id"
  done
fi
expire_backups "$RECOVERY_REGION"

while read -r container replica <&3; do
  [ -n "$container" ] || continue
  rclone sync --checksum "primary:$container" "recovery:$replica/current" \
    --backup-dir "recovery:$replica/deleted/$today"
  rclone delete --min-age "$RETENTION_DAYS"d "recovery:$replica/deleted"
  rclone rmdirs --leave-root "recovery:$replica/deleted"
  log "$RECOVERY_REGION: mirrored $container into $replica"
done 3< "$HDH_BACKUP_DIR/containers"
log "done"
`;
