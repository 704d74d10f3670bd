/** The example relayer: compiles against the library's exported packages only (a modular consumer). */
module io.trestle.examples.relayer {
  requires io.trestle.lightclient;
}
