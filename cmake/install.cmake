# cmake --install build [--prefix P]: the binary in P/bin, the shipped rules and the examples
# in P/share/arshjul (rules/, examples/, as in the source tree), the README and docs/ in
# P/share/doc/arshjul. Checked by the ctest test install_tree (tests/install_test.sh).
include(GNUInstallDirs)
install(TARGETS arshjul RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/arshjul/rules FILES_MATCHING PATTERN "*.arshjul")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/arshjul/examples USE_SOURCE_PERMISSIONS)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
