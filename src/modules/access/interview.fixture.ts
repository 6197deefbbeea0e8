import { randomBytes } from 'node:crypto';
import type { TestOffice, TestOperator, TestTenant } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { QuestionnaireDefinition } from './questionnaire.validation.ts';

/**
 * Test data for interviews, outcomes and indicators, written straight into the tables (as the database
 * owner) so these tests do not depend on the access-registration code.
 */
const areas = new Map<string, string>();

async function needArea(db: Db, tenant: TestTenant): Promise<string> {
  const known = areas.get(tenant.id);
  if (known) return known;
  const versionId = newId();
  await db
    .insertInto('need_taxonomy_version')
    .values({ id: versionId, tenant_id: tenant.id, version: 1, published_at: new Date() })
    .execute();
  const id = newId();
  await db
    .insertInto('need_area')
    .values({
      id,
      tenant_id: tenant.id,
      taxonomy_version_id: versionId,
      code: 'housing',
      label_it: 'Casa',
      label_en: 'Housing',
    })
    .execute();
  areas.set(tenant.id, id);
  return id;
}

export async function buildPerson(db: Db, tenant: TestTenant): Promise<string> {
  const id = newId();
  await db
    .insertInto('person')
    .values({ id, tenant_id: tenant.id, given_names: 'Prova', family_names: `P${randomBytes(3).toString('hex')}` })
    .execute();
  return id;
}

export interface AccessOptions {
  requests?: number;
  day?: string;
  occurredAt?: Date;
  channel?: string;
  status?: string;
  personId?: string | null;
  documentsDemanded?: string[];
  helpAtFirstInterview?: boolean | null;
  mandatedBy?: string;
}

/** An access with one person concerned (anonymous unless `personId`) and `requests` requests. */
export async function buildAccess(
  db: Db,
  tenant: TestTenant,
  office: TestOffice,
  registeredBy: TestOperator,
  options: AccessOptions = {},
): Promise<{ accessId: string; requestIds: string[] }> {
  const accessId = newId();
  const day = options.day ?? new Date().toISOString().slice(0, 10);
  await db
    .insertInto('access')
    .values({
      id: accessId,
      tenant_id: tenant.id,
      code: `ACC-T-${randomBytes(4).toString('hex')}`,
      office_id: office.id,
      access_day: day,
      occurred_at: options.occurredAt ?? new Date(`${day}T09:00:00Z`),
      channel: options.channel ?? 'walk_in',
      presented_by: 'person',
      referrer: 'self',
      status: options.status ?? 'waiting',
      registered_by: registeredBy.userId,
      documents_demanded: options.documentsDemanded ?? [],
      help_at_first_interview: options.helpAtFirstInterview ?? null,
      mandated_by: options.mandatedBy ?? 'none',
    })
    .execute();
  await db
    .insertInto('access_person')
    .values({
      id: newId(),
      tenant_id: tenant.id,
      access_id: accessId,
      person_id: options.personId ?? null,
      office_id: office.id,
      access_day: day,
    })
    .execute();
  const areaId = await needArea(db, tenant);
  const requestIds: string[] = [];
  for (let i = 0; i < (options.requests ?? 1); i++) {
    const id = newId();
    await db
      .insertInto('access_request')
      .values({ id, tenant_id: tenant.id, access_id: accessId, need_area_id: areaId, reason: `Richiesta ${i + 1}` })
      .execute();
    requestIds.push(id);
  }
  return { accessId, requestIds };
}

/** An interview row (for indicator fixtures; the service path is tested on its own). */
export async function addInterview(
  db: Db,
  tenant: TestTenant,
  accessId: string,
  by: TestOperator,
  startedAt: Date,
): Promise<void> {
  await db
    .insertInto('interview')
    .values({
      id: newId(),
      tenant_id: tenant.id,
      access_id: accessId,
      kind: 'booked',
      conducted_by: by.userId,
      started_at: startedAt,
    })
    .execute();
}

export async function addOutcome(
  db: Db,
  tenant: TestTenant,
  requestId: string,
  by: TestOperator,
  kind: string,
  reasonCode: string | null = null,
): Promise<void> {
  await db
    .insertInto('outcome')
    .values({
      id: newId(),
      tenant_id: tenant.id,
      request_id: requestId,
      kind,
      reason_code: reasonCode,
      recorded_by: by.userId,
      recorded_at: new Date(),
    })
    .execute();
}

/** A small questionnaire: yes/no with a conditional text, a multi-choice with a conditional number, a date. */
const t = (s: string) => ({ it: s, en: s });
export const SMALL: QuestionnaireDefinition = {
  title: t('Breve'),
  sections: [
    {
      id: 's1',
      title: t('Sezione'),
      questions: [
        { id: 'lavora', type: 'yes_no', label: t('Lavora?'), required: true },
        { id: 'dove', type: 'text', label: t('Dove?'), required: true, showIf: { question: 'lavora', equals: true } },
        {
          id: 'aiuti',
          type: 'multi_choice',
          label: t('Aiuti'),
          required: false,
          options: [
            { value: 'casa', label: t('Casa') },
            { value: 'cibo', label: t('Cibo') },
          ],
        },
        {
          id: 'quanti',
          type: 'number',
          label: t('Quanti?'),
          required: false,
          showIf: { question: 'aiuti', equals: 'cibo' },
        },
        { id: 'quando', type: 'date', label: t('Quando?'), required: false },
      ],
    },
  ],
};
