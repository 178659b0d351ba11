# Install rules: headers through the FILE_SETs, one export set per target so that the
# optional integrations load only when their dependencies are found, a package config and
# an architecture-independent version file. Consumers:
#   find_package(reconcile 0.1 REQUIRED)                 # reconcile::reconcile
#   find_package(reconcile 0.1 REQUIRED COMPONENTS json) # + reconcile::json (views, etcd likewise)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(RECONCILE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/reconcile"
    CACHE STRING "Where reconcileConfig.cmake is installed, relative to the prefix")

install(TARGETS reconcile EXPORT reconcileTargets FILE_SET HEADERS)
install(EXPORT reconcileTargets NAMESPACE reconcile::
        FILE reconcileTargets.cmake DESTINATION "${RECONCILE_INSTALL_CMAKEDIR}")

if(TARGET reconcile_views)
  install(TARGETS reconcile_views EXPORT reconcileViewsTargets FILE_SET HEADERS)
  install(EXPORT reconcileViewsTargets NAMESPACE reconcile::
          FILE reconcileViewsTargets.cmake DESTINATION "${RECONCILE_INSTALL_CMAKEDIR}")
endif()
if(TARGET reconcile_json)
  install(TARGETS reconcile_json EXPORT reconcileJsonTargets FILE_SET HEADERS)
  install(EXPORT reconcileJsonTargets NAMESPACE reconcile::
          FILE reconcileJsonTargets.cmake DESTINATION "${RECONCILE_INSTALL_CMAKEDIR}")
endif()
if(TARGET reconcile_etcd)
  install(TARGETS reconcile_etcd EXPORT reconcileEtcdTargets FILE_SET HEADERS)
  install(EXPORT reconcileEtcdTargets NAMESPACE reconcile::
          FILE reconcileEtcdTargets.cmake DESTINATION "${RECONCILE_INSTALL_CMAKEDIR}")
endif()

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/reconcileConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/reconcileConfig.cmake"
  INSTALL_DESTINATION "${RECONCILE_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/reconcileConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion
  ARCH_INDEPENDENT)
install(FILES
  "${PROJECT_BINARY_DIR}/reconcileConfig.cmake"
  "${PROJECT_BINARY_DIR}/reconcileConfigVersion.cmake"
  DESTINATION "${RECONCILE_INSTALL_CMAKEDIR}")
