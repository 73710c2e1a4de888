// Not part of the example: the repository's build (examples/pom.xml, maven-invoker-plugin) runs this
// after the example's own `mvn verify` passed, to make sure that its tests really ran.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Running org.example.embedding.EmbeddingExampleTest') : 'EmbeddingExampleTest did not run'
// The summary is an [INFO] line, or a [WARNING] one when a test was skipped (the journal contract skips one).
def summary = (log =~ /(?m)^\[(?:INFO|WARNING)\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: \d+$/)
assert summary.find() : 'the embedding example printed no test summary: surefire ran no test'
int tests = summary.group(1) as int
assert tests > 0 : 'the embedding example ran 0 tests'
assert summary.group(2) == '0' && summary.group(3) == '0' : 'tests of the embedding example failed'
println "embedding example: ${tests} tests passed"
return true
