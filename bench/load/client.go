package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// server is where the bots play: loopback only (main refuses other hosts).
type server struct {
	host      string
	port      int
	serverKey string
	http      *http.Client
}

func (s *server) base() string { return fmt.Sprintf("http://%s:%d", s.host, s.port) }

// authenticate logs a device in (creating its account) and returns the session token.
func (s *server) authenticate(deviceID string) (string, error) {
	body, _ := json.Marshal(map[string]string{"id": deviceID})
	req, _ := http.NewRequest("POST", s.base()+"/v2/account/authenticate/device?create=true", bytes.NewReader(body))
	req.SetBasicAuth(s.serverKey, "")
	req.Header.Set("Content-Type", "application/json")
	res, err := s.http.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		return "", fmt.Errorf("authenticate: %d %s", res.StatusCode, data)
	}
	var out struct{ Token string }
	if err := json.Unmarshal(data, &out); err != nil {
		return "", err
	}
	return out.Token, nil
}

// rpc calls one of the module's RPCs as the player (payload: JSON, sent as Nakama's JSON string body).
func (s *server) rpc(token, id, payload string) error {
	body, _ := json.Marshal(payload)
	req, _ := http.NewRequest("POST", s.base()+"/v2/rpc/"+url.PathEscape(id), bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := s.http.Do(req)
	if err != nil {
		return err
	}
	data, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("rpc %s: %d %s", id, res.StatusCode, data)
	}
	return nil
}

// envelope is the part of Nakama's realtime JSON envelope the bots read.
type envelope struct {
	Cid   string `json:"cid"`
	Error *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	MatchmakerTicket *struct {
		Ticket string `json:"ticket"`
	} `json:"matchmaker_ticket"`
	MatchmakerMatched *struct {
		Ticket  string `json:"ticket"`
		MatchID string `json:"match_id"`
	} `json:"matchmaker_matched"`
	Match *struct {
		MatchID string `json:"match_id"`
	} `json:"match"`
	MatchData *struct {
		MatchID string `json:"match_id"`
		OpCode  string `json:"op_code"`
		Data    string `json:"data"`
	} `json:"match_data"`
}

// socket is one player's realtime connection (JSON envelopes; match data as base64 msgpack).
type socket struct {
	conn  *websocket.Conn
	write sync.Mutex
	cid   int
}

func (s *server) connect(token string) (*socket, error) {
	u := fmt.Sprintf("ws://%s:%d/ws?lang=en&status=false&format=json&token=%s", s.host, s.port, url.QueryEscape(token))
	dialer := websocket.Dialer{HandshakeTimeout: 15 * time.Second}
	conn, _, err := dialer.Dial(u, nil)
	if err != nil {
		return nil, err
	}
	return &socket{conn: conn}, nil
}

// send writes one envelope: {"cid": n, <kind>: body} (cid only when an answer is wanted).
func (s *socket) send(kind string, body interface{}, wantAnswer bool) error {
	s.write.Lock()
	defer s.write.Unlock()
	m := map[string]interface{}{kind: body}
	if wantAnswer {
		s.cid++
		m["cid"] = strconv.Itoa(s.cid)
	}
	s.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return s.conn.WriteJSON(m)
}

// sendMatchData sends a pre-encoded msgpack message to the match.
func (s *socket) sendMatchData(matchID string, opCode int, data []byte) error {
	return s.send("match_data_send", map[string]interface{}{
		"match_id": matchID, "op_code": strconv.Itoa(opCode), "data": base64.StdEncoding.EncodeToString(data), "reliable": true,
	}, false)
}

func (s *socket) read(timeout time.Duration) (*envelope, error) {
	s.conn.SetReadDeadline(time.Now().Add(timeout))
	var e envelope
	if err := s.conn.ReadJSON(&e); err != nil {
		return nil, err
	}
	return &e, nil
}

func (s *socket) close() { s.conn.Close() }
