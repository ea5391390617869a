/** Partner: the tenant the API key belongs to (read through `viewer.partner`). */
import { builder } from '../builder.ts';

export const PartnerRef = builder.prismaObject('Partner', {
  description: 'The Odoo partner (integrator) that owns the clients, instances and API keys.',
  select: { id: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    currency: t.exposeString('currency', { description: 'ISO 4217 code of the hourly rate.' }),
    hourlyRate: t.float({
      nullable: true,
      description: 'Remediation rate per hour, in `currency`.',
      select: { hourlyRate: true },
      resolve: (partner) => (partner.hourlyRate === null ? null : Number(partner.hourlyRate)),
    }),
    timezone: t.exposeString('timezone', { description: 'IANA time zone for schedules, business days and daily score buckets.' }),
    businessDays: t.exposeIntList('businessDays', { description: 'ISO weekdays (1 = Monday … 7 = Sunday) that are business days.' }),
    primaryColor: t.exposeString('primaryColor', { nullable: true }),
    accentColor: t.exposeString('accentColor', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
