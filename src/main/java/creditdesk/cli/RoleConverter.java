package creditdesk.cli;

import creditdesk.domain.StaffRole;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** support, admin or analyst (any case) to a {@link StaffRole}. */
public final class RoleConverter implements ITypeConverter<StaffRole> {
  @Override
  public StaffRole convert(String value) {
    try {
      return StaffRole.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
