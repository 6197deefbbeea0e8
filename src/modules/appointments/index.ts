export { seedDemoAppointments } from './appointments.demo.ts';
export { registerAppointments } from './appointments.register.ts';
export { type AppointmentView, type BookingResult, bookAppointment } from './booking.service.ts';
export {
  insertAvailability,
  insertException,
  insertTopic,
  saveOfficeBooking,
  saveSettings,
} from './setup.repository.ts';
export { type BookableOffice, type FreeSlot, listBookableOffices } from './slots.service.ts';
