# ShopMe: `make run` serves the product, `make test` runs every test. Both install what is missing.
SHELL := /bin/bash
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
BUILD_TYPE ?= RelWithDebInfo
PORT ?= 8080

.PHONY: all build deps backend frontend run test test-unit bench format check-layers clean

all: build

build: deps backend frontend

deps:
	@scripts/setup.sh

$(BUILD_DIR)/build.ninja: backend/CMakeLists.txt
	cmake -S backend -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DSHOPME_WERROR=ON

backend: $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -- -j$$(nproc)
	@scripts/check-layers.sh
	@scripts/check-openapi.sh

frontend:
	cd frontend && npm run build

run: build
	SHOPME_STATIC_DIR=frontend/dist PORT=$(PORT) SHOPME_PRINT_BANNER=1 ./$(BUILD_DIR)/bin/shopme serve

test: build
	@scripts/test.sh

bench: build
	@bench/run.sh

format:
	find backend bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

check-layers:
	@scripts/check-layers.sh
	@scripts/check-openapi.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) frontend/dist
