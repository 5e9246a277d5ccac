package creditdesk.persistence;

import creditdesk.domain.CreditTransaction;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.tool.schema.spi.SchemaManagementException;

/**
 * Hibernate over an existing pool. Flyway owns the DDL; Hibernate only validates its mapping
 * against the live schema when the unit opens. Users are read by {@link UserRows}, not mapped, so
 * that a display column the web app drops does not fail this validation.
 */
public final class PersistenceUnit implements AutoCloseable {
  private final SessionFactory sessionFactory;

  private PersistenceUnit(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  /**
   * @throws SchemaMismatchException when the database does not have the shape creditdesk maps
   */
  public static PersistenceUnit open(DataSource dataSource) {
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(CreditTransaction.class);
    cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
    cfg.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
    cfg.setProperty(AvailableSettings.STATEMENT_FETCH_SIZE, "500");
    cfg.setProperty(AvailableSettings.SHOW_SQL, "false");
    cfg.setProperty("hibernate.boot.allow_jdbc_metadata_access", "true");
    try {
      return new PersistenceUnit(cfg.buildSessionFactory());
    } catch (SchemaManagementException e) {
      throw new SchemaMismatchException(
          "The database does not match what creditdesk expects: " + e.getMessage(), e);
    }
  }

  public SessionFactory sessionFactory() {
    return sessionFactory;
  }

  @Override
  public void close() {
    sessionFactory.close();
  }
}
