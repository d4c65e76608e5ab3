#pragma once
// A PostgreSQL server for the tests. Under ctest the fixture `postgres` (tests/CMakeLists.txt)
// starts one throwaway cluster for the whole run; a test binary run by hand starts its own
// (and stops it at exit). SEATSYNC_TEST_POSTGRES_URL points the tests at another server.
#include <string>

namespace seatsync::test {

// The URL of a new, empty database on the test server, unique to the caller.
std::string fresh_postgres_database();

// The password in the test server's URLs: no output of seatsync may ever show it.
std::string postgres_test_password();

}  // namespace seatsync::test
