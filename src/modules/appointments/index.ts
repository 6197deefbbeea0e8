export { appointmentsPermissions } from './agenda.policy.ts';
export { addAppointmentCommands } from './appointments.cli.ts';
export { seedDemoAppointments } from './appointments.demo.ts';
export { registerAppointments } from './appointments.register.ts';
export { type AppointmentView, type BookingResult, bookAppointment } from './booking.service.ts';
export { feedbackResultsPermissions } from './feedback.results.policy.ts';
export { type ReminderRun, sendReminders } from './reminders.job.ts';
export { insertAssistanceService, seedDemoRequests } from './request.demo.ts';
export { requestPermissions } from './request.policy.ts';
export { RequestLink } from './request.views.tsx';
export {
  insertAvailability,
  insertException,
  insertTopic,
  saveOfficeBooking,
  saveSettings,
} from './setup.repository.ts';
export { type BookableOffice, type FreeSlot, listBookableOffices } from './slots.service.ts';
export { seedDemoStreets } from './street.demo.ts';
