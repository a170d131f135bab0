import type { FrameworkId } from "~/domain/reflection";
import { prisma } from "~/services/db.server";

export async function setOrganisationFramework(organisationId: string, framework: FrameworkId): Promise<void> {
  await prisma.organisation.update({
    where: { id: organisationId },
    data: { reflectionFramework: framework },
    select: { id: true },
  });
}
