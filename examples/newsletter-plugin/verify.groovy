// Not part of the example: the repository's build (examples/pom.xml, maven-invoker-plugin) runs this
// after the example's own `mvn verify` passed, to make sure that its tests really ran.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Running org.example.newsletter.NewsletterCornerTest') : 'the contract test NewsletterCornerTest did not run'
def summary = (log =~ /(?m)^\[INFO\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: \d+$/)
assert summary.find() : 'the example plugin printed no test summary: surefire ran no test'
int tests = summary.group(1) as int
assert tests > 0 : 'the example plugin ran 0 tests'
assert summary.group(2) == '0' && summary.group(3) == '0' : 'tests of the example plugin failed'
println "example plugin: ${tests} tests passed"
return true
