// Matches values against CloudFormation AllowedPatterns with java.util.regex, the engine
// CloudFormation evaluates them with (whole-value match). Input: one line per query,
// base64(pattern) TAB base64(value); output: one line per query, 1 (match), 0 (no match) or
// E (the pattern does not compile).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

public class AllowedPatternCheck {
  public static void main(String[] args) throws Exception {
    Base64.Decoder decoder = Base64.getDecoder();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] parts = line.split("\t", -1);
      String pattern = new String(decoder.decode(parts[0]), StandardCharsets.UTF_8);
      String value = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8);
      try {
        out.append(Pattern.compile(pattern).matcher(value).matches() ? "1" : "0").append('\n');
      } catch (PatternSyntaxException e) {
        out.append("E\n");
      }
    }
    System.out.print(out);
  }
}
