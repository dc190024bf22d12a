import { describe, expect, it } from "vitest";
import { httpsApiEgress } from "../../../components/shared/namespace-guards";

describe("egress to the cloud APIs", () => {
  it("allows HTTPS to the named ranges only", () => {
    expect(httpsApiEgress(["10.42.8.0/22", "192.0.2.10/32"])).toEqual([
      {
        to: [{ ipBlock: { cidr: "10.42.8.0/22" } }, { ipBlock: { cidr: "192.0.2.10/32" } }],
        ports: [{ protocol: "TCP", port: 443 }],
      },
    ]);
  });

  it("adds no rule for no range: an empty `to` would allow every destination", () => {
    expect(httpsApiEgress([])).toEqual([]);
  });
});
