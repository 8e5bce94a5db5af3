package io.goproxymirror.mirror.fetch.git.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.NotFoundException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KnownHostsTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("known hosting sites and the VCS-qualifier form give root, URL and vcs without the network")
  @CsvSource(delimiter = '|', value = {
      "github.com/acme/x|github.com/acme/x|https://github.com/acme/x|git",
      "github.com/acme/x/sub/v2|github.com/acme/x|https://github.com/acme/x|git",
      "github.com/Azure/go-autorest/autorest/adal|github.com/Azure/go-autorest|https://github.com/Azure/go-autorest|git",
      "github.com/a_b/c.d-e|github.com/a_b/c.d-e|https://github.com/a_b/c.d-e|git",
      "bitbucket.org/acme/x/y|bitbucket.org/acme/x|https://bitbucket.org/acme/x|git",
      "hub.jazz.net/git/user1/proj/sub|hub.jazz.net/git/user1/proj|https://hub.jazz.net/git/user1/proj|git",
      "git.apache.org/thrift.git/lib/go/thrift|git.apache.org/thrift.git|https://git.apache.org/thrift.git|git",
      "git.openstack.org/openstack/swift|git.openstack.org/openstack/swift|https://git.openstack.org/openstack/swift|git",
      "git.openstack.org/openstack/swift.git/x|git.openstack.org/openstack/swift.git|https://git.openstack.org/openstack/swift.git|git",
      "chiselapp.com/user/kyle/repository/fossilgg|chiselapp.com/user/kyle/repository/fossilgg|https://chiselapp.com/user/kyle/repository/fossilgg|fossil",
      "example.com/foo.git|example.com/foo.git|https://example.com/foo|git",
      "example.com/foo.git/bar|example.com/foo.git|https://example.com/foo|git",
      "example.com/Team/Foo.git/Bar/v2|example.com/Team/Foo.git|https://example.com/Team/Foo|git",
      "example.com/a/b.git/c.git/d|example.com/a/b.git|https://example.com/a/b|git",
      "example.com/~user/repo.git|example.com/~user/repo.git|https://example.com/~user/repo|git",
      "example.com/repo.git.git|example.com/repo.git.git|https://example.com/repo.git|git",
      "e.c./x.git|e.c./x.git|https://e.c./x|git",
      "example.com/x.hg/y|example.com/x.hg|https://example.com/x|hg",
      "example.com/x.svn|example.com/x.svn|https://example.com/x|svn",
      "example.com/x.bzr|example.com/x.bzr|https://example.com/x|bzr",
      "example.com/x.fossil|example.com/x.fossil|https://example.com/x|fossil",
  })
  void knownRoots(String path, String root, String url, String vcs) {
    assertThat(KnownHosts.lookup(path)).contains(new RepoRoot(root, url, vcs));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("paths under a known site that break its rules are not found")
  @ValueSource(strings = {
      "github.com", "github.com/acme", "github.com/acme/x.git", "github.com/acme/x.hg/sub",
      "github.com/acme/x+y", "bitbucket.org/acme", "bitbucket.org/acme/x.git",
      "hub.jazz.net/git/User/x", "hub.jazz.net/git/u/x.git", "git.apache.org/thrift",
      "git.openstack.org/openstack", "chiselapp.com/user/kyle/repository/x/sub"})
  void invalidUnderKnownSite(String path) {
    assertThatThrownBy(() -> KnownHosts.lookup(path))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith(path + ": invalid ");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("other paths are left to discovery")
  @ValueSource(strings = {
      "golang.org/x/mod", "gopkg.in/yaml.v3", "github.company.example/x/y", "example.com",
      "example.com/git", "example.com/.git", "example.com/~.git", "Example.com/x.git",
      "example.com/a+b/x.git", "example.com/x.git/a+b", "localhost/x.git", "ec./x.git", ".c/x.git",
      "example.com/x.gitx", "launchpad.net/x"})
  void leftToDiscovery(String path) {
    assertThat(KnownHosts.lookup(path)).isEmpty();
  }

  @Test
  @DisplayName("a long hostile path is answered at once (no regex backtracking blow-up)")
  void hostilePath() {
    String path = "a.".repeat(5_000) + "a/" + "b.".repeat(5_000) + "x/y!";
    long start = System.nanoTime();
    assertThat(KnownHosts.lookup(path)).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }
}
