import { Context } from '@temporalio/activity';
import { customerContact, queueCustomerNotice } from '../db/customer-notifications';
import { resolveCaseCustomer } from '../db/cases';
import type { Db } from '../db/pool';
import type { ServiceTaskInput } from './service-tasks';
import { inChinaTime } from '../domain/china-time';
import { str } from './variables';

// 通知客户: a service task puts a message for the case's customer in the customer outbox
// (customer_notification). E-mail when the customer has an address (the worker's dispatcher
// sends it when SMTP is configured); otherwise the row tells the agent to phone.

export function createCustomerNotificationActivities({ db }: { db: Db }) {
  return {
    async 'notify-customer'(input: ServiceTaskInput) {
      const v = input.variables;
      const message = str(v.message);
      if (!message) throw new Error(`notify-customer at ${input.elementId}: the diagram gives no message (map one to "message")`);
      const subject = str(v.subject) ?? message.slice(0, 40);
      const customer = await customerContact(db, await resolveCaseCustomer(db, input.caseId, str(v.customerId)));
      if (!customer) {
        Context.current().log.info('no customer on the case: nobody to notify', { caseId: input.caseId });
        return { customerNotified: false };
      }
      const channel = customer.email ? ('email' as const) : ('phone' as const);
      await queueCustomerNotice(db, {
        key: `${input.key}/notify-customer`,
        customerId: customer.id,
        caseId: input.caseId,
        channel,
        recipient: customer.email ?? customer.phone,
        subject: inChinaTime(subject),
        body: inChinaTime(message),
      });
      return { customerNotified: true, customerNotifiedBy: channel };
    },
  };
}
