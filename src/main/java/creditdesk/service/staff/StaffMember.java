package creditdesk.service.staff;

import creditdesk.domain.StaffRole;

/** A staff login as the database knows it. */
public record StaffMember(String login, StaffRole role, boolean canLogin) {}
