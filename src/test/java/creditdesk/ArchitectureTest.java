package creditdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

  /** The fx:controller classes named by the FXML files: the views. */
  static final Set<String> FXML_CONTROLLERS = fxmlControllers(Path.of("fxml"));

  /**
   * The view side of a ui feature package, found by structure: the FXML controllers, controls and
   * cells (they extend a scene-graph type), and the wiring handed controls or windows (a
   * constructor or method takes one), each with its nested classes. Everything else there is
   * view-model state.
   */
  static final DescribedPredicate<JavaClass> VIEW_SIDE =
      DescribedPredicate.describe(
          "FXML controllers, controls and cells, or classes handed controls or windows",
          ArchitectureTest::isViewSide);

  static final ArchRule VIEW_MODELS_WITHOUT_SCENE =
      noClasses()
          .that()
          .resideInAPackage("creditdesk.ui.*..")
          .and(DescribedPredicate.not(VIEW_SIDE))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx.scene..", "javafx.stage..")
          .because(
              "in a ui feature package only the view side (what FXML names as controller, the"
                  + " controls and cells, and what is handed controls or windows) touches the scene;"
                  + " the rest is view-model state, tested without a toolkit, whatever its name");

  static final ArchRule NO_CYCLES_BETWEEN_PACKAGES =
      slices()
          .matching("creditdesk.(**)")
          .should()
          .beFreeOfCycles()
          .because(
              "a package that imports back into its importer cannot be read, moved or tested on its"
                  + " own; shared UI helpers live in ui, the composition root in app");

  /**
   * The service feature packages (connect, schema, search, user, ledger, adjust, export, staff and
   * any added later): everything in service but its shared typed errors in service.common.
   */
  static final DescribedPredicate<JavaClass> SERVICE_FEATURES =
      DescribedPredicate.describe(
          "classes in a service feature package",
          c -> c.getPackageName().startsWith("creditdesk.service.")
              && !c.getPackageName().equals("creditdesk.service.common")
              && !c.getPackageName().startsWith("creditdesk.service.common."));

  static final ArchRule LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Main").definedBy("creditdesk")
          .layer("App").definedBy("creditdesk.app..")
          .layer("UI").definedBy("creditdesk.ui..")
          .layer("CLI").definedBy("creditdesk.cli..")
          .layer("Bench").definedBy("creditdesk.bench..")
          .layer("Service").definedBy(SERVICE_FEATURES)
          .layer("ServiceCommon").definedBy("creditdesk.service.common..")
          .layer("Persistence").definedBy("creditdesk.persistence..")
          .layer("Domain").definedBy("creditdesk.domain..")
          .layer("Db").definedBy("creditdesk.db..")
          .whereLayer("Main").mayNotBeAccessedByAnyLayer()
          .whereLayer("App").mayOnlyBeAccessedByLayers("Main")
          .whereLayer("UI").mayOnlyBeAccessedByLayers("App")
          .whereLayer("CLI").mayOnlyBeAccessedByLayers("Main", "App")
          .whereLayer("Bench").mayOnlyBeAccessedByLayers("CLI")
          .whereLayer("Service").mayOnlyBeAccessedByLayers("Main", "App", "UI", "CLI", "Bench")
          .whereLayer("ServiceCommon")
          .mayOnlyBeAccessedByLayers("Main", "App", "UI", "CLI", "Bench", "Service")
          .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Service", "Bench")
          .because(
              "dependencies point one way: Main -> app (console) -> ui / cli -> service features"
                  + " -> service.common -> persistence/domain/db; bench is a tool the bench command"
                  + " runs, so only cli reaches it and it uses services and the database like any"
                  + " front end");

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

  @ArchTest
  void packagesAreFreeOfCycles(JavaClasses classes) {
    NO_CYCLES_BETWEEN_PACKAGES.check(classes);
  }

  @ArchTest
  void layersPointOneWay(JavaClasses classes) {
    LAYERS.check(classes);
  }

  private static boolean isViewSide(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return FXML_CONTROLLERS.contains(top.getName()) || isControl(top) || handedToolkitObjects(top);
  }

  /** A control, cell or window of its own (it extends a scene-graph or stage type). */
  private static boolean isControl(JavaClass c) {
    return c.getAllRawSuperclasses().stream().anyMatch(ArchitectureTest::isToolkitType);
  }

  /** Wiring or an adapter: a constructor or method takes a control, scene or window. */
  private static boolean handedToolkitObjects(JavaClass c) {
    return Stream.concat(c.getConstructors().stream(), c.getMethods().stream())
        .anyMatch(m -> m.getRawParameterTypes().stream().anyMatch(ArchitectureTest::isToolkitType));
  }

  private static boolean isToolkitType(JavaClass t) {
    return t.getPackageName().startsWith("javafx.scene") || t.getPackageName().startsWith("javafx.stage");
  }

  private static Set<String> fxmlControllers(Path root) {
    Pattern controller = Pattern.compile("fx:controller=\"([\\w.$]+)\"");
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".fxml"))
          .flatMap(
              f -> {
                try {
                  Matcher m = controller.matcher(Files.readString(f));
                  return m.results().map(r -> r.group(1)).toList().stream();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
