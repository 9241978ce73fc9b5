package dev.microservice.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microservice.docs.CommandBlock.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The markers of command blocks, on small Markdown texts. */
class CommandBlocksTest {
  private static CommandBlock only(String markdown) {
    List<CommandBlock> blocks = CommandBlocks.parse("x.md", markdown);
    assertThat(blocks).hasSize(1);
    return blocks.get(0);
  }

  @Test
  void anUnmarkedShellBlockIsRun() {
    CommandBlock b = only("Text\n\n```sh\n./msvc validate -f a.yaml\n```\n");
    assertThat(b.mode()).isEqualTo(Mode.RUN);
    assertThat(b.script()).isEqualTo("./msvc validate -f a.yaml\n");
    assertThat(b.line()).isEqualTo(3);
    assertThat(b.expect()).isEmpty();
  }

  @Test
  void bashAndShellAreCommandBlocksOtherLanguagesAreNot() {
    List<CommandBlock> blocks = CommandBlocks.parse("x.md",
        "```bash\na\n```\n```shell\nb\n```\n```yaml\nc: 1\n```\n```\nd\n```\n```java\ne();\n```\n");
    assertThat(blocks).extracting(CommandBlock::script).containsExactly("a\n", "b\n");
  }

  @Test
  void aFenceInsideAnotherBlockIsText() {
    List<CommandBlock> blocks = CommandBlocks.parse("x.md", "````markdown\n```sh\nnot a block\n```\n````\n```sh\nyes\n```\n");
    assertThat(blocks).extracting(CommandBlock::script).containsExactly("yes\n");
  }

  @Test
  void anIndentedBlockLosesTheFencesIndentation() {
    CommandBlock b = only("1. Run:\n\n   ```sh\n   ./msvc cluster up\n     --x\n   ```\n");
    assertThat(b.script()).isEqualTo("./msvc cluster up\n  --x\n");
  }

  @Test
  void notRunTakesAReasonAndBlankLinesMayFollowTheMarker() {
    CommandBlock b = only("<!-- not run: needs a Kubernetes cluster -->\n\n```sh\nkubectl get msvc\n```\n");
    assertThat(b.mode()).isEqualTo(Mode.NOT_RUN);
    assertThat(b.argument()).isEqualTo("needs a Kubernetes cluster");
  }

  @Test
  void notRunWithoutAReasonIsAnError() {
    assertThatThrownBy(() -> CommandBlocks.parse("x.md", "<!-- not run: -->\n```sh\nkubectl get msvc\n```\n"))
        .hasMessageContaining("x.md:1").hasMessageContaining("needs a reason");
    assertThatThrownBy(() -> CommandBlocks.parse("x.md", "<!-- not run:    -->\n```sh\nkubectl get msvc\n```\n"))
        .hasMessageContaining("needs a reason");
  }

  @Test
  void runByNamesATestClass() {
    CommandBlock b = only("<!-- run by: LocalClusterIT -->\n```sh\n./msvc cluster up\n```\n");
    assertThat(b.mode()).isEqualTo(Mode.RUN_BY);
    assertThat(b.argument()).isEqualTo("LocalClusterIT");
    assertThatThrownBy(() -> CommandBlocks.parse("x.md", "<!-- run by: the e2e suite -->\n```sh\nx\n```\n"))
        .hasMessageContaining("simple class name");
    assertThatThrownBy(() -> CommandBlocks.parse("x.md", "<!-- run by: -->\n```sh\nx\n```\n"))
        .hasMessageContaining("test class");
  }

  @Test
  void backgroundNamesTheTextToAwait() {
    CommandBlock b = only("<!-- background: Ready -->\n```sh\n./msvc run -f examples/hello/microservice.yaml\n```\n");
    assertThat(b.mode()).isEqualTo(Mode.BACKGROUND);
    assertThat(b.argument()).isEqualTo("Ready");
  }

  @Test
  void expectGoesWithAPlainRun() {
    CommandBlock b = only("<!-- expect: Hello, World! -->\n```sh\n./msvc send grpc greeter/hello World\n```\n");
    assertThat(b.mode()).isEqualTo(Mode.RUN);
    assertThat(b.expect()).isEqualTo("Hello, World!");
    assertThatThrownBy(() -> CommandBlocks.parse("x.md", "<!-- expect: x -->\n<!-- not run: slow -->\n```sh\nx\n```\n"))
        .hasMessageContaining("x.md:3").hasMessageContaining("only for blocks that are run");
  }

  @Test
  void markersCombineOnlyWithExpect() {
    assertThatThrownBy(() -> CommandBlocks.parse("x.md", "<!-- not run: slow -->\n<!-- background: up -->\n```sh\nx\n```\n"))
        .hasMessageContaining("at most one");
    assertThatThrownBy(() -> CommandBlocks.parse("x.md", "<!-- nto run: slow -->\n```sh\nx\n```\n"))
        .hasMessageContaining("unknown marker");
  }

  @Test
  void onlyTheCommentsRightBeforeTheBlockCount() {
    CommandBlock b = only("<!-- not run: slow -->\nSome text.\n\n```sh\nx\n```\n");
    assertThat(b.mode()).isEqualTo(Mode.RUN);
    CommandBlock c = only("<!-- not run: slow -->\n```yaml\na: 1\n```\n```sh\nx\n```\n");
    assertThat(c.mode()).isEqualTo(Mode.RUN);
  }
}
