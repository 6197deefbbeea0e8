import type { ApplicationRow, CheckRow, FundRow, PaymentRow } from './applications.repository.ts';
import type { Evaluation } from './rules.engine.ts';

/** What the API and pages show of an application. Amounts as numbers (euros), days as YYYY-MM-DD. */
export interface ApplicationView {
  id: string;
  code: string;
  personId: string;
  accessId: string | null;
  /** The case (presa in carico) it was opened from, if any. */
  caseId: string | null;
  measure: string;
  status: 'open' | 'approved' | 'rejected';
  inputs: Record<string, number | boolean>;
  isee: { value: number | null; dsuProtocol: string | null; dsuDate: string | null; validUntil: string | null };
  documentsDemanded: string[];
  documentsReceived: string[];
  evaluation: (Evaluation & { explanation: { it: string[]; en: string[] } }) | null;
  ruleSetId: string | null;
  evaluatedOn: string | null;
  preparedBy: string;
  openedAt: string;
  decision: {
    decision: 'approved' | 'rejected';
    reasonCode: string | null;
    decidedBy: string;
    decidedAt: string;
    monthlyAmount: number | null;
    months: number | null;
    totalAmount: number | null;
    periodStart: string | null;
    periodEnd: string | null;
    fundId: string | null;
  } | null;
  siuss: { meansTest: number; iseeThreshold: number | null; benefitCode: string | null; presaCarico: boolean };
  checks: {
    id: string;
    kind: string;
    requestedAt: string;
    requestedBy: string;
    result: 'pending' | 'passed' | 'failed';
    doneOn: string | null;
    doneBy: string | null;
  }[];
  payments: PaymentView[];
  version: number;
}

export interface PaymentView {
  id: string;
  applicationId: string;
  fundId: string;
  dueOn: string;
  amount: number;
  status: 'scheduled' | 'paid';
  paidOn: string | null;
}

export interface FundView {
  id: string;
  measure: string;
  year: number;
  amount: number;
  committed: number;
  paid: number;
  available: number;
  version: number;
}

const num = (v: string | null) => (v === null ? null : Number(v));

export const presentPayment = (p: PaymentRow): PaymentView => ({
  id: p.id,
  applicationId: p.application_id,
  fundId: p.fund_id,
  dueOn: p.due_on,
  amount: Number(p.amount),
  status: p.status,
  paidOn: p.paid_on,
});

export const presentFund = (f: FundRow): FundView => ({
  id: f.id,
  measure: f.measure,
  year: f.year,
  amount: Number(f.amount),
  committed: Number(f.committed),
  paid: Number(f.paid),
  available: Math.round((Number(f.amount) - Number(f.committed)) * 100) / 100,
  version: f.version,
});

export function presentApplication(
  r: ApplicationRow,
  checks: CheckRow[],
  payments: PaymentRow[] = [],
): ApplicationView {
  return {
    id: r.id,
    code: r.code,
    personId: r.person_id,
    accessId: r.access_id,
    caseId: r.case_id,
    measure: r.measure,
    status: r.status,
    inputs: r.inputs as Record<string, number | boolean>,
    isee: {
      value: num(r.isee_value),
      dsuProtocol: r.dsu_protocol,
      dsuDate: r.dsu_date,
      validUntil: r.isee_valid_until,
    },
    documentsDemanded: r.documents_demanded,
    documentsReceived: r.documents_received,
    evaluation: r.evaluation as ApplicationView['evaluation'],
    ruleSetId: r.rule_set_id,
    evaluatedOn: r.evaluated_on,
    preparedBy: r.prepared_by,
    openedAt: r.opened_at.toISOString(),
    decision:
      r.decision && r.decided_by && r.decided_at
        ? {
            decision: r.decision,
            reasonCode: r.decision_reason,
            decidedBy: r.decided_by,
            decidedAt: r.decided_at.toISOString(),
            monthlyAmount: num(r.monthly_amount),
            months: r.months,
            totalAmount: num(r.total_amount),
            periodStart: r.period_start,
            periodEnd: r.period_end,
            fundId: r.fund_id,
          }
        : null,
    siuss: {
      meansTest: r.means_test,
      iseeThreshold: num(r.isee_threshold),
      benefitCode: (r as { siuss_benefit_code?: string | null }).siuss_benefit_code ?? null,
      presaCarico: r.presa_carico,
    },
    checks: checks.map((c) => ({
      id: c.id,
      kind: c.kind,
      requestedAt: c.requested_at.toISOString(),
      requestedBy: c.requested_by,
      result: c.result,
      doneOn: c.done_on,
      doneBy: c.done_by,
    })),
    payments: payments.map(presentPayment),
    version: r.version,
  };
}
