export { addNotificationCommands } from './notifications.cli.ts';
export { notificationsPermissions } from './notifications.policy.ts';
export { registerNotifications } from './notifications.register.ts';
export { type EnqueueResult, enqueueMail, maskAddress, type OutboxMail, PUBLIC_URL } from './outbox.service.ts';
export {
  MAX_ATTEMPTS,
  type OutboxRun,
  type OutboxWorker,
  processOutbox,
  startOutboxWorker,
} from './outbox.worker.ts';
export { DEFAULT_SETTINGS, type NotificationSettings, settingsOf } from './settings.repository.ts';
