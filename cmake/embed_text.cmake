# SPDX-License-Identifier: Apache-2.0
# cmake -DINPUT=file -DOUTPUT=file.cc -DFUNCTION=ns::name -P embed_text.cmake
# Writes a C++ source whose function returns the text of INPUT, so the binary carries the
# catalogue it was built with and works from any directory. The text is written as a byte array:
# string literals are limited in length by the standard, arrays are not.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){24})" "\\1\n    " bytes "${bytes}")
string(REGEX REPLACE "::[^:]*$" "" namespace "${FUNCTION}")
string(REGEX REPLACE "^.*::" "" name "${FUNCTION}")
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.
#include <string_view>

namespace ${namespace} {

std::string_view ${name}() {
  static constexpr unsigned char bytes[] = {
    ${bytes}0};
  return std::string_view(reinterpret_cast<const char*>(bytes), ${size});
}

}  // namespace ${namespace}
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
