// Responders for the alarm integration tests, beside test-support's STAFF.
import type { StaffMember } from '../test-support.ts';

const person = (user: string, name: string, role: string, department: string, onDuty = true): StaffMember => ({
  user,
  password: `${user}-password-1`,
  name,
  roles: [role],
  department,
  onDuty,
});

/** An anaesthetist, two nurses and a doctor, on duty unless `offDuty` names them. */
export function responders(offDuty: readonly string[] = []): StaffMember[] {
  return [
    person('anaes', 'Omar Haddad', 'anaesthesia', 'Theatres'),
    person('nurse2', 'Lena Vogel', 'nurse', 'Emergency'),
    person('nurse3', 'Tom Berg', 'nurse', 'Emergency'),
    person('doctor', 'Amara Okafor', 'doctor', 'Emergency'),
  ].map((p) => ({ ...p, onDuty: !offDuty.includes(p.user) }));
}
