import { definePermissions } from '../../platform/policy.ts';

/**
 * Notifications outbox. Only administrators see the queue and the dead letters (masked addresses, error
 * codes), retry or discard a dead letter, and set the tenant's reminder and follow-up settings.
 */
export const notificationsPermissions = definePermissions({
  'notification.manage': ['admin'],
});
export type NotificationAction = keyof typeof notificationsPermissions;
