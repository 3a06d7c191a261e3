"""python/setup.py: what pyproject.toml cannot say. The wheel holds a
compiled module but no Python extension, so it is tagged by hand:
py3-none-PLATFORM (one wheel for every Python 3), PLATFORM being what
python/build-wheel.sh found true of trtc.so (python/platform_tag.py).
build-wheel.sh copies this directory, puts trtc.so into sqlite_trtc/ and
sets SQLITE_TRTC_VERSION and SQLITE_TRTC_PLATFORM.
"""
import os
import sys

from setuptools import setup
from setuptools.dist import Distribution
from wheel.bdist_wheel import bdist_wheel

VERSION = os.environ.get("SQLITE_TRTC_VERSION")
PLATFORM = os.environ.get("SQLITE_TRTC_PLATFORM")
MODULE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sqlite_trtc", "trtc.so")
if not VERSION or not PLATFORM or not os.path.isfile(MODULE):
    sys.exit("sqlite-trtc: build the wheel with 'make wheel' (python/build-wheel.sh), "
             "which supplies trtc.so, the version and the platform tag")


class BinaryDistribution(Distribution):
    """Holds a platform-specific file: the wheel is not pure."""

    def has_ext_modules(self):
        return True


class BdistWheel(bdist_wheel):
    """py3-none-PLATFORM: the module does not depend on Python's ABI."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        return "py3", "none", PLATFORM


setup(version=VERSION, distclass=BinaryDistribution, cmdclass={"bdist_wheel": BdistWheel})
