package dev.credbroker.kit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each broken snippet here is one hcl4j parses without complaint. */
class HclStructureTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "resource \"x\" \"y\" { a = [ }",
            "resource \"x\" \"y\" {\n  a = 1",
            "resource \"x\" \"y\" {\n  a = 1\n}}",
            "path \"a/b\" {\n  capabilities = [\"read\"\n}",
            "resource \"x\" \"y\" {\n  a = foo(\n}",
            "a = \"unterminated\nb = 1",
            "a = \"${var.x\"",
            "a = <<EOT\nnever ends\n",
    })
    void brokenSnippetIsCaught(String hcl) {
        assertTrue(HclStructure.firstError(hcl).isPresent(), hcl);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "path \"a/+/b\" {\n  capabilities = [\"read\"] # a } in a comment\n}",
            "a = \"{ [ ( in a string\"",
            "a = \"x-${format(\"%s}\", var.y)}-z\"",
            "a = \"$${not an interpolation\"",
            "a = <<-EOT\n  { unbalanced in a heredoc\n  EOT\nb = {}",
            "/* { */ a = 1 // (",
    })
    void wellFormedSnippetPasses(String hcl) {
        assertEquals(Optional.empty(), HclStructure.firstError(hcl), hcl);
    }
}
