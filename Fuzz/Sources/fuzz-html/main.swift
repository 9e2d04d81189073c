import FuzzSupport
import YuqingFuzzTargets

// The body is shared with the short replay run in the test suite (Tests/YuqingFuzzTests).
runFuzzer(FuzzTarget.html.makeRunner())
