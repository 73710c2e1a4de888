// Not part of the example: the repository's build (examples/pom.xml, maven-invoker-plugin) runs this
// after the example's own `mvn verify` passed, to make sure that it ran on the module path.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('modular: every Peerwork library ran as a named module') : 'the modular example did not finish'
println 'modular example: ran on the module path'
return true
