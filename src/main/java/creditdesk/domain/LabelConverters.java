package creditdesk.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Maps the web app's enum columns through their text, so that a label added to the database after
 * this build is read as it is instead of failing the row. The entities are read-only, so the
 * text is never written back as a parameter of the enum type.
 */
public final class LabelConverters {
  private LabelConverters() {}

  @Converter
  public static final class Feature implements AttributeConverter<FeatureType, String> {
    @Override
    public String convertToDatabaseColumn(FeatureType value) {
      return value == null ? null : value.dbValue();
    }

    @Override
    public FeatureType convertToEntityAttribute(String value) {
      return FeatureType.fromDb(value);
    }
  }

  @Converter
  public static final class Operation implements AttributeConverter<OperationType, String> {
    @Override
    public String convertToDatabaseColumn(OperationType value) {
      return value == null ? null : value.dbValue();
    }

    @Override
    public OperationType convertToEntityAttribute(String value) {
      return OperationType.fromDb(value);
    }
  }

}
