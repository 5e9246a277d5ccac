package creditdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Layer rules. They are {@code @ArchTest} methods, not fields: Surefire 3.5.3 silently skips
 * {@code @ArchTest} fields (TNG/ArchUnit#1442).
 */
@AnalyzeClasses(packages = "creditdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final ArchRule BELOW_THE_UI_NO_JAVAFX =
      noClasses()
          .that()
          .resideInAnyPackage(
              "creditdesk.service..", "creditdesk.domain..", "creditdesk.persistence..", "creditdesk.db..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..")
          .because("the service layer and below also serve the command line and run in tests without a toolkit");

  static final ArchRule UI_WITHOUT_HIBERNATE =
      noClasses()
          .that()
          .resideInAPackage("creditdesk.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
          .because(
              "the UI gets records and loaded data from services; sessions and lazy proxies never reach the FX thread");

  static final ArchRule LOWER_LAYERS_WITHOUT_FRONT_ENDS =
      noClasses()
          .that()
          .resideInAnyPackage(
              "creditdesk.service..", "creditdesk.domain..", "creditdesk.persistence..", "creditdesk.db..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("creditdesk.ui..", "creditdesk.cli..")
          .because("dependencies point one way: front ends -> service -> persistence/domain/db");

  static final ArchRule CLI_WITHOUT_JAVAFX =
      noClasses()
          .that()
          .resideInAPackage("creditdesk.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "creditdesk.ui..")
          .because("commands run on a plain JDK without a display; only Main opens the console");

  static final ArchRule VIEW_MODELS_WITHOUT_SCENE =
      noClasses()
          .that()
          .haveSimpleNameEndingWith("ViewModel")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx.scene..", "javafx.stage..")
          .because("view models are tested without a toolkit and hold state, not controls");

  @ArchTest
  void serviceDomainPersistenceAndDbNeverUseJavaFx(JavaClasses classes) {
    BELOW_THE_UI_NO_JAVAFX.check(classes);
  }

  @ArchTest
  void uiNeverUsesHibernateOrJakartaPersistence(JavaClasses classes) {
    UI_WITHOUT_HIBERNATE.check(classes);
  }

  @ArchTest
  void lowerLayersNeverUseTheFrontEnds(JavaClasses classes) {
    LOWER_LAYERS_WITHOUT_FRONT_ENDS.check(classes);
  }

  @ArchTest
  void commandLineNeverUsesJavaFx(JavaClasses classes) {
    CLI_WITHOUT_JAVAFX.check(classes);
  }

  @ArchTest
  void viewModelsNeverUseScenesOrStages(JavaClasses classes) {
    VIEW_MODELS_WITHOUT_SCENE.check(classes);
  }
}
