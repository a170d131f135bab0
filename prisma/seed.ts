/**
 * Demo data: two invented organisations. Every person here is fictional.
 * Idempotent: an organisation that already exists is left alone.
 */
import type { Role } from "../app/domain/roles";
import { prisma } from "../app/services/db.server";
import { hashPassword } from "../app/services/password.server";

export const DEMO_PASSWORD = "practise-with-heart";

type DemoPerson = {
  email: string;
  name: string;
  roles: Role[];
  teams?: { team: string; as: "member" | "manager" }[];
};

type DemoOrganisation = {
  slug: string;
  name: string;
  kind: "council" | "trust";
  teams: string[];
  people: DemoPerson[];
};

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    slug: "northbridge",
    name: "Northbridge Borough Council",
    kind: "council",
    teams: ["EHC Assessment Team", "SEND Casework Team"],
    people: [
      { email: "admin@northbridge.example", name: "Marcus Ellison", roles: ["admin"] },
      {
        email: "manager@northbridge.example",
        name: "Priya Raman",
        roles: ["manager"],
        teams: [{ team: "SEND Casework Team", as: "manager" }],
      },
      {
        email: "daniel.okafor@northbridge.example",
        name: "Daniel Okafor",
        roles: ["manager"],
        teams: [{ team: "EHC Assessment Team", as: "manager" }],
      },
      {
        email: "practitioner@northbridge.example",
        name: "Amira Hussain",
        roles: ["practitioner"],
        teams: [{ team: "SEND Casework Team", as: "member" }],
      },
      {
        email: "tomasz.nowak@northbridge.example",
        name: "Tomasz Nowak",
        roles: ["practitioner"],
        teams: [{ team: "SEND Casework Team", as: "member" }],
      },
      {
        email: "grace.adeyemi@northbridge.example",
        name: "Grace Adeyemi",
        roles: ["practitioner"],
        teams: [{ team: "SEND Casework Team", as: "member" }],
      },
      {
        email: "siobhan.kelly@northbridge.example",
        name: "Siobhan Kelly",
        roles: ["practitioner"],
        teams: [{ team: "EHC Assessment Team", as: "member" }],
      },
      {
        email: "jamal.reid@northbridge.example",
        name: "Jamal Reid",
        roles: ["practitioner"],
        teams: [{ team: "EHC Assessment Team", as: "member" }],
      },
      {
        email: "hannah.pryce@northbridge.example",
        name: "Hannah Pryce",
        roles: ["practitioner"],
        teams: [{ team: "EHC Assessment Team", as: "member" }],
      },
      {
        email: "wei.chen@northbridge.example",
        name: "Wei Chen",
        roles: ["practitioner", "trainer"],
        teams: [{ team: "SEND Casework Team", as: "member" }],
      },
      { email: "trainer@northbridge.example", name: "Fatima Begum", roles: ["trainer"] },
      { email: "reviewer@northbridge.example", name: "Carol Whitfield", roles: ["reviewer"] },
    ],
  },
  {
    slug: "eastmoor",
    name: "Eastmoor Learning Trust",
    kind: "trust",
    teams: ["Inclusion Team"],
    people: [
      { email: "admin@eastmoor.example", name: "Helen Marsh", roles: ["admin"] },
      {
        email: "manager@eastmoor.example",
        name: "Kwame Mensah",
        roles: ["manager"],
        teams: [{ team: "Inclusion Team", as: "manager" }],
      },
      {
        email: "practitioner@eastmoor.example",
        name: "Sophie Turner-Ali",
        roles: ["practitioner"],
        teams: [{ team: "Inclusion Team", as: "member" }],
      },
    ],
  },
];

async function seedOrganisation(organisation: DemoOrganisation): Promise<boolean> {
  const existing = await prisma.organisation.findUnique({ where: { slug: organisation.slug }, select: { id: true } });
  if (existing) return false;
  const hashes = await Promise.all(organisation.people.map(() => hashPassword(DEMO_PASSWORD)));
  await prisma.$transaction(async (tx) => {
    const created = await tx.organisation.create({
      data: { slug: organisation.slug, name: organisation.name, kind: organisation.kind },
      select: { id: true },
    });
    const teamIds = new Map<string, string>();
    for (const name of organisation.teams) {
      const team = await tx.team.create({ data: { name, organisationId: created.id }, select: { id: true } });
      teamIds.set(name, team.id);
    }
    for (const [index, person] of organisation.people.entries()) {
      await tx.user.create({
        data: {
          organisationId: created.id,
          email: person.email,
          name: person.name,
          passwordHash: hashes[index] ?? null,
          roles: { create: person.roles.map((role) => ({ role })) },
          memberships: {
            create: (person.teams ?? []).map((membership) => ({
              role: membership.as,
              team: { connect: { id: teamIds.get(membership.team) } },
            })),
          },
        },
      });
    }
  });
  return true;
}

export async function seedDemo(): Promise<"seeded" | "already there"> {
  let seededAny = false;
  for (const organisation of DEMO_ORGANISATIONS) {
    seededAny = (await seedOrganisation(organisation)) || seededAny;
  }
  return seededAny ? "seeded" : "already there";
}
