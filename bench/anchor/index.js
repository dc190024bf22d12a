// The anchor pack: AWS's public best-practice pack, every policy on, so that each Analyze call
// runs every policy that applies to the resource's type, as ours does. Plain CommonJS, run as is
// by @pulumi/pulumi/cmd/run-policy-pack, like the compiled packs awsguard's users ship.
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS pack entry */
const { AwsGuard } = require("@pulumi/awsguard");

new AwsGuard({ all: "mandatory" });
