// The system's libyaml (Debian libyaml-dev, pkg-config yaml-0.1) for BrogueContent's composer,
// which reads libyaml's event API only.
#include <yaml.h>
