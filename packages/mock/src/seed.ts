/**
 * @module
 * The initial data of a mock: one account (`/me`), twelve bills, two mail domains, three
 * dedicated servers (one in sbg1), the registered applications and a few credentials. Fixed
 * values, so that tests can rely on them; only the keys of applications added later are random.
 */
import type { AccessRulePattern } from "./access-rules.ts";
import { DEMO_APPLICATION_KEY, DEMO_CONSUMER_KEY } from "./constants.ts";
import type {
  Application,
  Bill,
  Credential,
  DedicatedServer,
  EmailDomain,
  MockData,
  Price,
} from "./model.ts";
import { randomToken } from "./random.ts";

export interface ApplicationKeys {
  applicationKey: string;
  applicationSecret: string;
}

const day = 86_400_000;
const at = (iso: string): number => Date.parse(iso);

const ALL_RIGHTS: AccessRulePattern[] = ["GET", "POST", "PUT", "DELETE"].map((method) => ({
  method,
  path: "/*",
}));

export function price(value: number): Price {
  return {
    currencyCode: "EUR",
    priceInUcents: Math.round(value * 100_000_000),
    text: `${value.toFixed(2)} €`,
    value,
  };
}

function bills(): Map<string, Bill> {
  const amounts = [9.99, 49.99, 12.5, 79.99, 5.49, 120, 9.99, 49.99, 3.99, 64.2, 9.99, 199.99];
  const map = new Map<string, Bill>();
  amounts.forEach((withoutTax, i) => {
    const tax = Math.round(withoutTax * 20) / 100;
    const billId = `FR${50398710 + i * 137}`;
    map.set(billId, {
      billId,
      category: i % 4 === 1 ? "purchase-servers" : i % 4 === 3 ? "purchase-web" : "autorenew",
      date: at(`2024-${String(i + 1).padStart(2, "0")}-05T09:30:00Z`),
      orderId: 180000000 + i * 911,
      password: `pw${(i * 7919 + 1234).toString(36)}`,
      priceWithoutTax: price(withoutTax),
      tax: price(tax),
      priceWithTax: price(Math.round((withoutTax + tax) * 100) / 100),
    });
  });
  return map;
}

function domain(name: string, redirections: [string, string, boolean][]): EmailDomain {
  const map = new Map(
    redirections.map(([from, to, localCopy], i) => {
      const id = String(1_200_000_000 + i * 11 + name.length);
      return [id, { id, from, to, localCopy }] as const;
    }),
  );
  return {
    domain: name,
    service: {
      allowedAccountSize: [1_000_000_000, 5_000_000_000],
      creationDate: "2019-03-01T10:00:00+00:00",
      domain: name,
      filerz: 1301,
      isMXValid: "valid",
      isSPFValid: "valid",
      linkTo: null,
      migratedMXPlanServiceName: null,
      offer: "MX plan 100",
      status: "ok",
    },
    redirections: map,
    tasks: new Map(),
  };
}

function server(
  name: string,
  serverId: number,
  datacenter: string,
  region: string,
  ip: string,
): DedicatedServer {
  return {
    name,
    iamId: `5d0e28e2-306e-11ee-8dad-${serverId.toString(16).padStart(12, "0")}`,
    properties: {
      availabilityZone: `${region}-a`,
      bootId: 1,
      bootScript: null,
      commercialRange: "advance-1",
      datacenter,
      ip,
      linkSpeed: 1000,
      monitoring: true,
      newUpgradeSystem: true,
      noIntervention: false,
      os: "debian12_64",
      powerState: "poweron",
      professionalUse: false,
      rack: `${datacenter.toUpperCase()}A0${serverId % 10}`,
      region,
      rescueMail: null,
      rescueSshKey: null,
      reverse: `${name}.`,
      rootDevice: null,
      serverId,
      state: "ok",
      supportLevel: "pro",
    },
    burst: { status: "inactive", capacity: { unit: "Mbps", value: 10_000 } },
    ipmiFeatures: {
      kvmipHtml5URL: true,
      kvmipJnlp: true,
      serialOverLanSshKey: true,
      serialOverLanURL: true,
    },
    ipmiAccess: new Map(),
    tasks: new Map(),
  };
}

/** The initial data, with `keys` as the registered applications. */
export function seed(keys: readonly ApplicationKeys[]): MockData {
  const applications = new Map<number, Application>();
  const credentials = new Map<number, Credential>();
  let applicationId = 10_001;
  for (const { applicationKey, applicationSecret } of keys) {
    const demo = applicationKey === DEMO_APPLICATION_KEY;
    applications.set(applicationId, {
      applicationId,
      applicationKey,
      applicationSecret,
      name: demo ? "asyncovh-demo" : `app-${applicationId}`,
      description: demo ? "The demo application of @asyncovh/mock" : "Registered in the mock",
      status: "active",
    });
    if (demo) {
      credentials.set(100_000_001, {
        credentialId: 100_000_001,
        applicationId,
        consumerKey: DEMO_CONSUMER_KEY,
        credentialToken: randomToken(64),
        rules: ALL_RIGHTS.map((rule) => ({ ...rule })),
        status: "validated",
        creation: at("2024-01-02T08:00:00Z"),
        expiration: null,
        lastUse: null,
        allowedIPs: null,
        redirection: null,
      });
    }
    applicationId += 1;
  }

  // An older application of the account, whose keys nobody has: its credentials give the
  // `status` filter of /me/api/credential something to filter.
  const legacy: Application = {
    applicationId: 9_001,
    applicationKey: randomToken(16),
    applicationSecret: randomToken(32),
    name: "backup-script",
    description: "Nightly backups",
    status: "active",
  };
  applications.set(legacy.applicationId, legacy);
  const legacyCredential = (
    credentialId: number,
    status: Credential["status"],
    creation: number,
  ): Credential => ({
    credentialId,
    applicationId: legacy.applicationId,
    consumerKey: randomToken(32),
    credentialToken: randomToken(64),
    rules: [{ method: "GET", path: "/me/*" }],
    status,
    creation,
    expiration: status === "expired" ? creation + 30 * day : null,
    lastUse: status === "expired" ? creation + 2 * day : null,
    allowedIPs: null,
    redirection: null,
  });
  for (const credential of [
    legacyCredential(100_000_002, "expired", at("2023-03-10T12:00:00Z")),
    legacyCredential(100_000_003, "refused", at("2023-05-20T12:00:00Z")),
    legacyCredential(100_000_004, "pendingValidation", at("2024-02-14T12:00:00Z")),
  ]) {
    credentials.set(credential.credentialId, credential);
  }

  return {
    me: {
      address: "2 rue Kellermann",
      area: null,
      birthCity: null,
      birthDay: null,
      city: "Roubaix",
      companyNationalIdentificationNumber: null,
      complementaryAddress: null,
      corporationType: null,
      country: "FR",
      currency: { code: "EUR", symbol: "EURO" },
      customerCode: "1234-5678-90",
      email: "ada@example.com",
      fax: null,
      firstname: "Ada",
      italianSDI: null,
      kycValidated: true,
      language: "fr_FR",
      legalform: "individual",
      name: "Lovelace",
      nationalIdentificationNumber: null,
      nichandle: "la12345-ovh",
      organisation: null,
      ovhCompany: "ovh",
      ovhSubsidiary: "FR",
      phone: "+33.320000000",
      phoneCountry: "FR",
      phoneType: "landline",
      purposeOfPurchase: null,
      sex: null,
      spareEmail: null,
      state: "complete",
      vat: null,
      zip: "59100",
    },
    bills: bills(),
    domains: new Map(
      [
        domain("example.com", [
          ["info@example.com", "ada@example.net", false],
          ["billing@example.com", "accounting@example.net", true],
        ]),
        domain("example.org", []),
      ].map((d) => [d.domain, d]),
    ),
    servers: new Map(
      [
        server("ns3001234.ip-51-38-10.eu", 301_234, "sbg1", "eu-west-sbg", "51.38.10.11"),
        server("ns5002345.ip-54-36-20.eu", 502_345, "gra2", "eu-west-gra", "54.36.20.22"),
        server("ns9003456.ip-147-135-30.eu", 903_456, "rbx8", "eu-west-rbx", "147.135.30.33"),
      ].map((s) => [s.name, s]),
    ),
    applications,
    credentials,
    nextIds: {
      application: applicationId,
      credential: 100_000_101,
      redirection: 1_300_000_001,
      emailTask: 4_500_001,
      serverTask: 7_700_001,
    },
  };
}
